// mailferry alias add|list|rm
import type { Command } from 'commander';
import { addAlias, listAliases, removeAlias } from '../../admin/aliases.ts';
import { withStore } from '../context.ts';
import { withExamples } from '../help.ts';
import { printDone, printJson, printTable } from '../output.ts';

export function register(program: Command): void {
  const alias = program
    .command('alias')
    .description('manage aliases: addresses of a local domain delivered to other addresses');
  withExamples(alias, 'mailferry alias add postmaster@example.org alice@example.org', 'mailferry alias list');

  withExamples(
    alias
      .command('add')
      .description('deliver mail for SOURCE to TARGET (add it again with another target for several)')
      .argument('<source>', 'the alias address, or @domain for a catch-all; its domain must exist')
      .argument('<target>', 'where the mail goes: a local account or an outside address')
      .action(async (source: string, target: string, _options: object, command: Command) => {
        const added = await withStore(command, (store) => addAlias(store, source, target));
        printDone(`alias ${added.source} → ${added.target} added`);
      }),
    'mailferry alias add sales@example.org alice@example.org',
    'mailferry alias add @example.org postmaster@example.org   # catch-all: any unknown address of the domain',
  );

  withExamples(
    alias
      .command('list')
      .description('list the aliases, of one domain or of all')
      .argument('[domain]', 'only the aliases of this domain')
      .option('--json', 'print JSON instead of a table')
      .action(async (domain: string | undefined, options: { json?: boolean }, command: Command) => {
        const aliases = await withStore(command, (store) => listAliases(store, domain));
        if (options.json) return printJson(aliases);
        printTable(aliases, [
          { header: 'ALIAS', value: (a) => a.source },
          { header: 'TARGET', value: (a) => a.target },
        ]);
      }),
    'mailferry alias list example.org --json',
  );

  withExamples(
    alias
      .command('rm')
      .description('remove one target of an alias, or the whole alias when no target is given')
      .argument('<source>', 'the alias address')
      .argument('[target]', 'only this target')
      .action(async (source: string, target: string | undefined, _options: object, command: Command) => {
        const count = await withStore(command, (store) => removeAlias(store, source, target));
        printDone(`alias ${source.toLowerCase()}${target ? ` → ${target.toLowerCase()}` : ''} removed` +
          (count > 1 ? ` (${count} targets)` : ''));
      }),
    'mailferry alias rm sales@example.org alice@example.org',
    'mailferry alias rm sales@example.org',
  );
}
