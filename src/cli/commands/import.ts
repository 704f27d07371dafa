// mailferry import SOURCE ACCOUNT — a Maildir, mbox or EML directory into a local account, resumable.
import type { Command } from 'commander';
import { importMailbox } from '../../admin/import.ts';
import type { TransferSummary } from '../../admin/transfer-summary.ts';
import { describeTransfer } from '../../admin/transfer-summary.ts';
import { createProgress } from '../../util/progress.ts';
import { withStore } from '../context.ts';
import { withExamples } from '../help.ts';
import { printDone, printJson } from '../output.ts';

/** failures printed one per line; the rest are counted */
const FAILURES_SHOWN = 50;

export function printFailures(summary: TransferSummary): void {
  for (const failure of summary.failures.slice(0, FAILURES_SHOWN)) printDone(`failed: ${failure.item}: ${failure.reason}`);
  if (summary.failures.length > FAILURES_SHOWN) printDone(`… and ${summary.failures.length - FAILURES_SHOWN} more failures`);
}

interface ImportCommandOptions {
  folderPrefix?: string;
  mboxo?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  withExamples(
    program
      .command('import')
      .description(
        'import a Maildir, an mbox file or directory, or a directory of .eml files into a local account; ' +
          'running it again (after a crash too) imports only what is missing. Exits 1 when a message failed.',
      )
      .argument('<source>', 'maildir:/path, mbox:/file, mbox:/dir/ (one mbox file per folder) or eml:/dir')
      .argument('<account>', 'the local account, e.g. alice@example.org')
      .option('--folder-prefix <folder>', 'put the imported folders below this folder (INBOX becomes <folder>/INBOX)')
      .option('--mboxo', 'the mbox quotes only "From " lines (mboxo), not ">From " too (mboxrd, the default)')
      .option('--json', 'print the summary as JSON')
      .action(async (source: string, account: string, options: ImportCommandOptions, command: Command) => {
        const summary = await withStore(command, (store) =>
          importMailbox(store, account, source, {
            folderPrefix: options.folderPrefix,
            mboxVariant: options.mboxo ? 'mboxo' : 'mboxrd',
            progress: createProgress('import'),
          }),
        );
        if (options.json) printJson(summary);
        else {
          printDone(describeTransfer('imported', summary, [`${summary.skipped} already present, skipped`]).text);
          printFailures(summary);
        }
        if (summary.failed > 0) process.exitCode = 1;
      }),
    'mailferry import maildir:/var/mail/alice/Maildir alice@example.org',
    'mailferry import mbox:~/old/INBOX alice@example.org --folder-prefix Old',
    'mailferry import eml:./saved-mails bob@example.org',
  );
}
