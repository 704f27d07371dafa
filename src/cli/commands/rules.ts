// mailferry rules set|show|rm|check — an account's delivery rules (Sieve, RFC 5228 subset: header, address,
// envelope, size, exists; fileinto, keep, discard, stop; RFC 5232 flags), refused at upload with line and column.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkRules, getRules, removeRules, setRules } from '../../admin/rules.ts';
import { withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { withExamples } from '../help.ts';
import { printDone } from '../output.ts';

async function readScript(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read rules file ${file}: ${code === 'ENOENT' ? 'file not found' : code ?? String(error)}`);
  }
}

export function register(program: Command): void {
  const rules = program.command('rules').description("an account's delivery rules (Sieve) for polled mail");
  withExamples(rules, 'mailferry rules set alice@example.org ./alice.sieve', 'mailferry rules show alice@example.org');

  withExamples(
    rules.command('set')
      .description('check a Sieve script and make it the account\'s delivery rules')
      .argument('<account>', 'the local account')
      .argument('<file>', 'the Sieve script')
      .action(async (account: string, file: string, _options: object, command: Command) => {
        const script = await readScript(file);
        const address = await withStore(command, (store) => setRules(store, account, script, file));
        printDone(`delivery rules of ${address} set from ${file}`);
      }),
    'mailferry rules set alice@example.org ./alice.sieve',
  );

  withExamples(
    rules.command('check')
      .description('check a Sieve script without storing it')
      .argument('<file>', 'the Sieve script')
      .action(async (file: string) => {
        checkRules(await readScript(file), file);
        printDone(`${file}: ok`);
      }),
    'mailferry rules check ./alice.sieve',
  );

  withExamples(
    rules.command('show')
      .description('print the account\'s delivery rules')
      .argument('<account>', 'the local account')
      .action(async (account: string, _options: object, command: Command) => {
        const shown = await withStore(command, (store) => getRules(store, account));
        if (shown.script === null) printDone(`# ${shown.account} has no delivery rules: mail goes to INBOX`);
        else process.stdout.write(shown.script.endsWith('\n') ? shown.script : `${shown.script}\n`);
      }),
    'mailferry rules show alice@example.org',
  );

  withExamples(
    rules.command('rm')
      .description('remove the account\'s delivery rules (mail goes to INBOX)')
      .argument('<account>', 'the local account')
      .action(async (account: string, _options: object, command: Command) => {
        const address = await withStore(command, (store) => removeRules(store, account));
        printDone(`delivery rules of ${address} removed`);
      }),
    'mailferry rules rm alice@example.org',
  );
}
