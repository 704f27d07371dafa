// mailferry mailbox list|create|rename|delete — the folders of one account.
import type { Command } from 'commander';
import { createMailbox, deleteMailbox, listMailboxes, renameMailbox } from '../../admin/mailboxes.ts';
import { withStore } from '../context.ts';
import { withExamples } from '../help.ts';
import { humanBytes, printDone, printJson, printTable } from '../output.ts';

export function register(program: Command): void {
  const mailbox = program.command('mailbox').description("manage an account's folders (mailboxes)");
  withExamples(mailbox, 'mailferry mailbox list alice@example.org', 'mailferry mailbox create alice@example.org Projects/2025');

  withExamples(
    mailbox
      .command('list')
      .description('list the folders of an account: messages, unseen, size and special use')
      .argument('<account>', 'the account address')
      .option('--json', 'print JSON (sizes in bytes) instead of a table')
      .action(async (address: string, options: { json?: boolean }, command: Command) => {
        const folders = await withStore(command, (store) => listMailboxes(store, address));
        if (options.json) return printJson(folders);
        printTable(folders, [
          { header: 'FOLDER', value: (f) => f.name },
          { header: 'MESSAGES', value: (f) => f.messages, align: 'right' },
          { header: 'UNSEEN', value: (f) => f.unseen, align: 'right' },
          { header: 'SIZE', value: (f) => humanBytes(f.bytes), align: 'right' },
          { header: 'SPECIAL-USE', value: (f) => f.specialUse ?? '' },
        ]);
      }),
    'mailferry mailbox list alice@example.org',
  );

  withExamples(
    mailbox
      .command('create')
      .description('create a folder; "/" separates levels')
      .argument('<account>', 'the account address')
      .argument('<name>', 'the folder name, e.g. Projects/2025')
      .action(async (address: string, name: string, _options: object, command: Command) => {
        await withStore(command, (store) => createMailbox(store, address, name));
        printDone(`folder "${name}" created`);
      }),
    'mailferry mailbox create alice@example.org Projects/2025',
  );

  withExamples(
    mailbox
      .command('rename')
      .description('rename a folder and its subfolders (renaming INBOX moves its messages to the new folder)')
      .argument('<account>', 'the account address')
      .argument('<name>', 'the current folder name')
      .argument('<new>', 'the new folder name')
      .action(async (address: string, name: string, newName: string, _options: object, command: Command) => {
        await withStore(command, (store) => renameMailbox(store, address, name, newName));
        printDone(`folder "${name}" renamed to "${newName}"`);
      }),
    'mailferry mailbox rename alice@example.org Projects Archive/Projects',
  );

  withExamples(
    mailbox
      .command('delete')
      .description('delete a folder; refused while it holds messages unless --force is given')
      .argument('<account>', 'the account address')
      .argument('<name>', 'the folder name')
      .option('--force', 'delete the messages in it too')
      .action(async (address: string, name: string, options: { force?: boolean }, command: Command) => {
        await withStore(command, (store) => deleteMailbox(store, address, name, { force: options.force }));
        printDone(`folder "${name}" deleted`);
      }),
    'mailferry mailbox delete alice@example.org Projects/2024',
    'mailferry mailbox delete alice@example.org Old --force',
  );
}
