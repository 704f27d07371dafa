// mailferry export ACCOUNT TARGET — a local account to a Maildir, mbox file or directory, or .eml files.
import type { Command } from 'commander';
import { exportMailbox } from '../../admin/export.ts';
import { describeTransfer } from '../../admin/transfer-summary.ts';
import { createProgress } from '../../util/progress.ts';
import { withStore } from '../context.ts';
import { withExamples } from '../help.ts';
import { printDone, printJson } from '../output.ts';
import { printFailures } from './import.ts';

interface ExportCommandOptions {
  folder?: string;
  json?: boolean;
}

export function register(program: Command): void {
  withExamples(
    program
      .command('export')
      .description(
        'export a local account with its flags, keywords and dates: every folder to maildir:/dir, mbox:/dir/ ' +
          '(one mbox file per folder) or eml:/dir; one folder (INBOX unless --folder) to mbox:/file. ' +
          'Exits 1 when a message failed.',
      )
      .argument('<account>', 'the local account, e.g. alice@example.org')
      .argument('<target>', 'maildir:/path, mbox:/file, mbox:/dir/ or eml:/dir')
      .option('--folder <folder>', 'export only this folder')
      .option('--json', 'print the summary as JSON')
      .action(async (account: string, target: string, options: ExportCommandOptions, command: Command) => {
        const summary = await withStore(command, (store) =>
          exportMailbox(store, account, target, { folder: options.folder, progress: createProgress('export') }),
        );
        if (options.json) printJson(summary);
        else {
          printDone(describeTransfer('exported', summary).text);
          printFailures(summary);
        }
        if (summary.failed > 0) process.exitCode = 1;
      }),
    'mailferry export alice@example.org maildir:/backup/alice',
    'mailferry export alice@example.org mbox:/backup/alice-mbox/',
    'mailferry export alice@example.org mbox:/tmp/sent.mbox --folder Sent',
  );
}
