// mailferry account add|list|rm|passwd — passwords from --password-file, a prompt, or one piped line.
import type { Command } from 'commander';
import {
  addAccount, changePassword, checkExistingAccount, checkNewAccount, listAccounts, removeAccount,
} from '../../admin/accounts.ts';
import { withStore } from '../context.ts';
import { withExamples } from '../help.ts';
import { printDone, printJson, printTable, shortDate } from '../output.ts';
import { readNewPassword } from '../password.ts';

interface PasswordOptions {
  passwordFile?: string;
}

const PASSWORD_FILE_HELP = 'read the password from this file (one line); without it the password is ' +
  'asked on the terminal, or read as one line from standard input when that is a pipe';

export function register(program: Command): void {
  const account = program.command('account').description('manage local accounts (mailboxes with a password)');
  withExamples(account, 'mailferry account add alice@example.org --password-file ./alice.pw', 'mailferry account list');

  withExamples(
    account
      .command('add')
      .description('add an account with INBOX and the standard folders (Drafts, Sent, Trash…)')
      .argument('<address>', 'the account address, e.g. alice@example.org (its domain must exist)')
      .option('--password-file <file>', PASSWORD_FILE_HELP)
      .action(async (address: string, options: PasswordOptions, command: Command) => {
        const added = await withStore(command, async (store) => {
          const normalized = await checkNewAccount(store, address);
          const password = await readNewPassword({ file: options.passwordFile }, normalized);
          return addAccount(store, normalized, password);
        });
        printDone(`account ${added.address} added`);
      }),
    'mailferry account add alice@example.org --password-file ./alice.pw',
    'mailferry account add bob@example.org            # asks for the password twice',
    "printf '%s\\n' \"$PW\" | mailferry account add carol@example.org",
  );

  withExamples(
    account
      .command('list')
      .description('list the accounts, of one domain or of all')
      .argument('[domain]', 'only the accounts of this domain')
      .option('--json', 'print JSON instead of a table')
      .action(async (domain: string | undefined, options: { json?: boolean }, command: Command) => {
        const accounts = await withStore(command, (store) => listAccounts(store, domain));
        if (options.json) return printJson(accounts);
        printTable(accounts, [
          { header: 'ADDRESS', value: (a) => a.address },
          { header: 'STATE', value: (a) => (a.disabled ? 'disabled' : 'active') },
          { header: 'CREATED (UTC)', value: (a) => shortDate(a.createdAt) },
        ]);
      }),
    'mailferry account list example.org',
  );

  withExamples(
    account
      .command('rm')
      .description('remove an account with all its folders and messages')
      .argument('<address>', 'the account address')
      .action(async (address: string, _options: object, command: Command) => {
        const removed = await withStore(command, (store) => removeAccount(store, address));
        printDone(`account ${removed} removed`);
      }),
    'mailferry account rm alice@example.org',
  );

  withExamples(
    account
      .command('passwd')
      .description("change an account's password")
      .argument('<address>', 'the account address')
      .option('--password-file <file>', PASSWORD_FILE_HELP)
      .action(async (address: string, options: PasswordOptions, command: Command) => {
        const changed = await withStore(command, async (store) => {
          const normalized = await checkExistingAccount(store, address);
          const password = await readNewPassword({ file: options.passwordFile }, normalized);
          return changePassword(store, normalized, password);
        });
        printDone(`password of ${changed} changed`);
      }),
    'mailferry account passwd alice@example.org --password-file ./alice.pw',
  );
}
