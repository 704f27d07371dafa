// mailferry domain add|list|rm
import type { Command } from 'commander';
import { addDomain, listDomains, removeDomain } from '../../admin/domains.ts';
import { withStore } from '../context.ts';
import { withExamples } from '../help.ts';
import { printDone, printJson, printTable, shortDate } from '../output.ts';

export function register(program: Command): void {
  const domain = program
    .command('domain')
    .description('manage the mail domains this host receives mail for');
  withExamples(domain, 'mailferry domain add example.org', 'mailferry domain list');

  withExamples(
    domain
      .command('add')
      .description('add a mail domain (accounts and aliases need their domain first)')
      .argument('<name>', 'domain name, e.g. example.org')
      .action(async (name: string, _options: object, command: Command) => {
        const added = await withStore(command, (store) => addDomain(store, name));
        printDone(`domain ${added.name} added`);
      }),
    'mailferry domain add example.org',
  );

  withExamples(
    domain
      .command('list')
      .description('list the domains with their numbers of accounts and aliases')
      .option('--json', 'print JSON instead of a table')
      .action(async (options: { json?: boolean }, command: Command) => {
        const domains = await withStore(command, (store) => listDomains(store));
        if (options.json) return printJson(domains);
        printTable(domains, [
          { header: 'DOMAIN', value: (d) => d.name },
          { header: 'ACCOUNTS', value: (d) => d.accounts, align: 'right' },
          { header: 'ALIASES', value: (d) => d.aliases, align: 'right' },
          { header: 'CREATED (UTC)', value: (d) => shortDate(d.createdAt) },
        ]);
      }),
    'mailferry domain list',
    'mailferry domain list --json',
  );

  withExamples(
    domain
      .command('rm')
      .description('remove a domain; refused while it still has accounts or aliases')
      .argument('<name>', 'domain name')
      .action(async (name: string, _options: object, command: Command) => {
        const removed = await withStore(command, (store) => removeDomain(store, name));
        printDone(`domain ${removed} removed`);
      }),
    'mailferry domain rm example.org',
  );
}
