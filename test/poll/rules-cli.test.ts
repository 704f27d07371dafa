// Black-box: the real `mailferry` command sets delivery rules (a bad file refused with line and column), adds a
// POP3 record, runs it, and lists it; Sieve files the polled mail into folders.
import assert from 'node:assert/strict';
import { chownSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../../src/store/open.ts';
import { cliIn, seed, tempDir } from '../cli/run-cli.ts';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.ts';

let dovecot: DovecotInstance;

before(async () => {
  dovecot = await startDovecot({ users: [{ user: 'remote', password: 'remote secret' }] });
});

after(async () => {
  await dovecot?.stop();
});

function deliver(name: string, lines: string[]): void {
  const root = dovecot.mailDir('remote');
  const owner = statSync(join(dovecot.dir, 'mail'));
  mkdirSync(join(root, 'new'), { recursive: true });
  const file = join(root, 'new', name);
  writeFileSync(file, lines.join('\r\n'));
  chownSync(file, owner.uid, owner.gid);
}

const RULES = `require ["fileinto", "imap4flags"];
# mailing lists to their folder, read
if exists "list-id" {
  fileinto :flags "\\\\Seen" "Lists";
  stop;
}
if header :contains "subject" "[spam]" { discard; stop; }
if address :domain :is "from" "work.example" { addflag "$Work"; fileinto "Work"; }
`;

test('rules set refuses a bad file with line and column; poll add / run / list file mail by the rules', async (t) => {
  const dir = tempDir(t);
  const dataDir = join(dir, 'data');
  const cli = cliIn(dataDir, { timeoutMs: 60_000 });
  await seed(dataDir, { domains: ['example.org'], accounts: { 'alice@example.org': 'local pw' } });

  const bad = join(dir, 'bad.sieve');
  writeFileSync(bad, 'require "fileinto";\nif header :is "subject" "x" {\n  fileinto "A"\n  keep;\n}\n');
  let result = await cli('rules', 'set', 'alice@example.org', bad);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /bad\.sieve: line 4, column 3: unexpected "keep" after the arguments of "fileinto"/);

  const good = join(dir, 'alice.sieve');
  writeFileSync(good, RULES);
  result = await cli('rules', 'set', 'alice@example.org', good);
  assert.equal(result.code, 0, result.stderr);
  assert.equal((await cli('rules', 'show', 'alice@example.org')).stdout, RULES);

  const passwordFile = join(dir, 'remote.pw');
  writeFileSync(passwordFile, 'remote secret\n');
  result = await cli('poll', 'add', 'alice@example.org', '--name', 'work', '--protocol', 'pop3', '--host', `127.0.0.1:${dovecot.pop3Port}`,
    '--tls', 'none', '--user', 'remote', '--password-file', passwordFile, '--every', '15m');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /poll record alice@example.org\/work added: pop3:\/\/remote@127\.0\.0\.1:\d+, every 15m, leave, by the rules/);

  deliver('1.list', ['Message-ID: <1@x>', 'From: list@lists.example', 'List-Id: <dev.lists.example>', 'Subject: list post', '', 'body', '']);
  deliver('2.spam', ['Message-ID: <2@x>', 'From: spammer@spam.example', 'Subject: [spam] buy', '', 'body', '']);
  deliver('3.work', ['Message-ID: <3@x>', 'From: Boss <boss@work.example>', 'Subject: report', '', 'body', '']);
  deliver('4.other', ['Message-ID: <4@x>', 'From: friend@home.example', 'Subject: hello', '', 'body', '']);
  result = await cli('--log-level', 'major', 'poll', 'run', 'alice@example.org', 'work');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^RPOP alice@example\.org\/work 127\.0\.0\.1:\d+ 4 msgs [\d,]+ bytes 00:00:0\d OK$/m);
  assert.match(result.stdout, /delivered 3, duplicates skipped 0, discarded 1/);
  assert.match(result.stderr, /RPOP alice@example\.org\/work/, 'the session line is logged at major');
  assert.ok(!result.stderr.includes('remote secret') && !result.stdout.includes('remote secret'));

  result = await cli('poll', 'list', '--json');
  const listed = JSON.parse(result.stdout) as { records: Array<{ totals: { messages: number }; lastError: string | null }> };
  assert.equal(listed.records[0]!.totals.messages, 4);
  assert.equal(listed.records[0]!.lastError, null);
  result = await cli('poll', 'list');
  assert.match(result.stdout, /alice@example\.org\s+work\s+pop3:\/\/remote@127\.0\.0\.1:\d+\s+every 15m, leave\s+ok \d{4}-\d\d-\d\d \d\d:\d\d/);

  const store = await openStore({ dataDir });
  try {
    const account = (await store.getAccount('alice@example.org'))!;
    const folder = async (name: string) => store.listMessages((await store.getFolder(account.id, name))!.id);
    const [lists, work, inbox] = [await folder('Lists'), await folder('Work'), await folder('INBOX')];
    assert.deepEqual([lists.length, work.length, inbox.length], [1, 1, 1]);
    assert.deepEqual(lists[0]!.flags, ['\\Seen']);
    assert.deepEqual(work[0]!.flags, ['$Work']);
    assert.equal(inbox[0]!.messageId, '<4@x>');
  } finally {
    await store.close();
  }
  result = await cli('poll', 'rm', 'alice@example.org', 'work');
  assert.equal(result.code, 0, result.stderr);
});
