// mailferry poll add|list|run|set|rm — remote POP3/IMAP accounts fetched into local accounts on a schedule
// (by `mailferry serve`), or now with `poll run`. The remote password comes from --password-file, a prompt or
// one piped line — never argv — and is stored sealed with the server key.
import { Command, Option } from 'commander';
import { addPoll, listPolls, removePoll, runPollNow, setPoll, type PollAdminContext, type PollInput, type PollView } from '../../admin/poll.ts';
import { log } from '../../log/logger.ts';
import { sessionLine } from '../../poll/job.ts';
import type { PollAuth, PollProtocol, PollTls } from '../../store/poll-store.ts';
import { openStore } from '../../store/open.ts';
import { createProgress } from '../../util/progress.ts';
import { loadCommandConfig } from '../context.ts';
import { CliError, UsageError } from '../errors.ts';
import { withExamples } from '../help.ts';
import { humanBytes, printDone, printJson, printTable, shortDate } from '../output.ts';
import { readNewPassword } from '../password.ts';

interface RecordOptions {
  protocol?: PollProtocol;
  host?: string;
  tls?: PollTls;
  user?: string;
  passwordFile?: string;
  auth?: PollAuth;
  every?: string;
  disabled?: boolean;
  enabled?: boolean;
  leave?: boolean;
  delete?: boolean;
  mailbox?: string;
  rules?: boolean;
  folders?: string;
  allFolders?: boolean;
  domainWide?: boolean;
  envelopeHeader?: string;
  password?: boolean;
}

async function withPollContext<T>(command: Command, work: (context: PollAdminContext) => Promise<T>): Promise<T> {
  const { config } = loadCommandConfig(command);
  const store = await openStore({ dataDir: config.store.dataDir });
  try {
    return await work({ store, config, logger: log });
  } finally {
    await store.close();
  }
}

function recordOptions(command: Command, forSet: boolean): Command {
  command
    .addOption(new Option('--protocol <protocol>', 'remote protocol').choices(['pop3', 'imap']))
    .option('--host <host[:port]>', 'remote server; the port defaults to 995/110 (POP3) or 993/143 (IMAP) by --tls')
    .addOption(new Option('--tls <mode>', 'implicit TLS, STARTTLS/STLS, or none (plaintext; loopback or trusted networks only)').choices(['implicit', 'starttls', 'none']))
    .option('--user <name>', 'user name at the remote server')
    .option('--password-file <file>', 'read the remote password from this file (else asked on the terminal or read from a pipe)')
    .addOption(new Option('--auth <mechanism>', 'login mechanism (default: USER/PASS for POP3, the best offered for IMAP)').choices(['auto', 'user', 'plain', 'login', 'cram-md5', 'apop', 'xoauth2']))
    .option('--every <interval>', 'poll interval: 30m (default), 2h, 90s, 1d')
    .option('--disabled', 'keep the record without polling it')
    .option('--leave', 'leave the messages at the remote (default): a registry of what was fetched')
    .option('--delete', 'delete each remote message once it is stored here')
    .option('--mailbox <folder>', 'store straight into this folder instead of applying the delivery rules (IMAP: the root of the mirror)')
    .option('--folders <pattern>', "IMAP: the LIST pattern of remote folders to fetch, e.g. '*' or 'Work/*'")
    .option('--domain-wide', "split a provider's catch-all mailbox to the local accounts each message names")
    .option('--envelope-header <name>', "with --domain-wide: the header naming the recipients (X-Envelope-To, Delivered-To…) or '*' for To/Cc/Bcc");
  if (forSet) {
    command
      .option('--enabled', 'poll the record again')
      .option('--rules', 'deliver by the account\'s rules again (undoes --mailbox)')
      .option('--all-folders', 'IMAP: every remote folder again (undoes --folders)')
      .option('--password', 'ask for a new remote password (or read it from --password-file)');
  }
  return command;
}

async function inputOf(options: RecordOptions, label: string, wantPassword: boolean): Promise<PollInput> {
  if (options.leave && options.delete) throw new UsageError('--leave and --delete exclude each other');
  if (options.disabled && options.enabled) throw new UsageError('--disabled and --enabled exclude each other');
  if (options.mailbox !== undefined && options.rules) throw new UsageError('--mailbox and --rules exclude each other');
  const input: PollInput = {};
  if (options.protocol) input.protocol = options.protocol;
  if (options.host !== undefined) input.host = options.host;
  if (options.tls) input.tls = options.tls;
  if (options.user !== undefined) input.user = options.user;
  if (options.auth) input.auth = options.auth;
  if (options.every !== undefined) input.every = options.every;
  if (options.disabled) input.enabled = false;
  if (options.enabled) input.enabled = true;
  if (options.leave) input.deleteRemote = false;
  if (options.delete) input.deleteRemote = true;
  if (options.mailbox !== undefined) input.mailbox = options.mailbox;
  if (options.rules) input.mailbox = null;
  if (options.folders !== undefined) input.folders = options.folders;
  if (options.allFolders) input.folders = null;
  if (options.domainWide) input.domainWide = true;
  if (options.envelopeHeader !== undefined) input.envelopeHeader = options.envelopeHeader;
  if (wantPassword || options.passwordFile !== undefined) input.password = await readNewPassword({ file: options.passwordFile }, label);
  return input;
}

function lastResult(view: PollView): string {
  if (view.lastError && (!view.lastSuccessAt || (view.lastErrorAt && view.lastErrorAt >= view.lastSuccessAt))) {
    return `ERROR ${view.lastErrorAt ? shortDate(view.lastErrorAt) : ''}: ${view.lastError}`;
  }
  return view.lastSuccessAt ? `ok ${shortDate(view.lastSuccessAt)}` : 'never polled';
}

function nextRun(view: PollView): string {
  if (view.schedule === 'disabled') return '-';
  if (view.running) return 'running';
  const delays = [view.accountDelayedUntil && `account delayed to ${shortDate(view.accountDelayedUntil)}`, view.hostDelayedUntil && `host delayed to ${shortDate(view.hostDelayedUntil)}`];
  const delay = delays.filter(Boolean).join(', ');
  return delay || (view.nextRunAt <= new Date() ? 'due' : shortDate(view.nextRunAt));
}

export function register(program: Command): void {
  const poll = program.command('poll').description('remote POP3/IMAP accounts fetched into local accounts (run by mailferry serve)');
  withExamples(poll,
    'mailferry poll add alice@example.org --name work --protocol pop3 --host pop.example.com --user alice --password-file ./pw',
    'mailferry poll list');

  withExamples(
    recordOptions(poll.command('add').description('add a remote account to poll into a local account'), false)
      .argument('<account>', 'the local account, e.g. alice@example.org')
      .requiredOption('--name <name>', 'name of this record (several per account)')
      .action(async (account: string, options: RecordOptions & { name: string }, command: Command) => {
        const view = await withPollContext(command, async (context) => addPoll(context, account, options.name,
          await inputOf(options, `the remote account ${options.user ?? ''}@${options.host ?? ''}`, true)));
        printDone(`poll record ${view.account}/${view.name} added: ${view.remote}, ${view.schedule}, ${view.mode}, ${view.delivery}`);
      }),
    'mailferry poll add alice@example.org --name work --protocol pop3 --host pop.example.com --user alice --password-file ./pw --every 15m',
    'mailferry poll add alice@example.org --name gmail --protocol imap --host imap.gmail.com --user alice@gmail.com --password-file ./pw --folders \'*\'',
    'mailferry poll add postmaster@example.org --name catchall --protocol pop3 --host pop.example.com --user catchall --password-file ./pw --domain-wide --envelope-header X-Envelope-To --delete',
  );

  withExamples(
    poll.command('list')
      .description('list poll records: remote, schedule, last success or error, next run, totals; delayed hosts')
      .argument('[account]', 'only the records of this local account')
      .option('--json', 'print JSON instead of a table')
      .action(async (account: string | undefined, options: { json?: boolean }, command: Command) => {
        const { records, hosts } = await withPollContext(command, (context) => listPolls(context, account));
        if (options.json) return printJson({ records, delayedHosts: hosts });
        printTable(records, [
          { header: 'ACCOUNT', value: (v) => v.account },
          { header: 'NAME', value: (v) => v.name },
          { header: 'REMOTE', value: (v) => v.remote },
          { header: 'SCHEDULE', value: (v) => `${v.schedule}, ${v.mode}` },
          { header: 'LAST RESULT (UTC)', value: lastResult },
          { header: 'NEXT RUN', value: nextRun },
          { header: 'TOTAL', value: (v) => `${v.totals.messages} msgs ${humanBytes(v.totals.bytes)}`, align: 'right' },
        ]);
        for (const host of hosts) printDone(`host ${host.host} delayed until ${shortDate(host.failedUntil)} UTC: ${host.lastError}`);
      }),
    'mailferry poll list alice@example.org',
  );

  withExamples(
    poll.command('run')
      .description('poll one record now, out of schedule ("Try now"), and print the session summary')
      .argument('<account>', 'the local account')
      .argument('<name>', 'the record name')
      .action(async (account: string, name: string, _options: object, command: Command) => {
        const result = await withPollContext(command, (context) => runPollNow(context, account, name, createProgress(`${account}/${name}`)));
        const { delivery } = result;
        printDone(sessionLine(result));
        printDone(`delivered ${delivery.delivered}, duplicates skipped ${delivery.duplicates}, discarded ${delivery.discarded}`
          + `${delivery.toPostmaster > 0 ? `, to postmaster ${delivery.toPostmaster}` : ''}, deleted at the remote ${result.deleted}`);
        for (const failure of result.failures) printDone(`failed: ${failure}`);
        if (result.error !== null) throw new CliError(`poll ${account}/${name} failed: ${result.error}`);
        if (result.failures.length > 0) process.exitCode = 1;
      }),
    'mailferry poll run alice@example.org work',
  );

  withExamples(
    recordOptions(poll.command('set').description('change a poll record (only the options given)'), true)
      .argument('<account>', 'the local account')
      .argument('<name>', 'the record name')
      .action(async (account: string, name: string, options: RecordOptions, command: Command) => {
        const view = await withPollContext(command, async (context) => setPoll(context, account, name,
          await inputOf(options, `the remote account of ${account}/${name}`, options.password === true)));
        printDone(`poll record ${view.account}/${view.name} changed: ${view.remote}, ${view.schedule}, ${view.mode}, ${view.delivery}`);
      }),
    'mailferry poll set alice@example.org work --every 1h --delete',
    'mailferry poll set alice@example.org work --password --password-file ./new-pw',
  );

  withExamples(
    poll.command('rm')
      .description('remove a poll record and its registry of fetched messages')
      .argument('<account>', 'the local account')
      .argument('<name>', 'the record name')
      .action(async (account: string, name: string, _options: object, command: Command) => {
        const removed = await withPollContext(command, (context) => removePoll(context, account, name));
        printDone(`poll record ${removed} removed`);
      }),
    'mailferry poll rm alice@example.org work',
  );
}
