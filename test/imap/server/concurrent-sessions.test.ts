// Two or more sessions on one folder see each other's changes (RFC 3501 §5.2, §7.3.1, §7.4.1): EXISTS, RECENT,
// FETCH FLAGS and EXPUNGE, held back while answering FETCH/STORE/SEARCH, at once during IDLE (RFC 2177).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startImapFixture, message, PASSWORD, type ImapFixture } from './fixture.ts';
import { loggedIn, type RawSession } from './raw-session.ts';

const USER = 'pair@example.org';
let fixture: ImapFixture;
let open: RawSession[] = [];

async function login(): Promise<RawSession> {
  const session = await loggedIn(fixture.port, USER, PASSWORD);
  open.push(session);
  return session;
}

beforeEach(async () => {
  fixture = await startImapFixture();
  await fixture.addAccount(USER);
  for (let i = 1; i <= 3; i++) await fixture.deliver(USER, message(i));
});
afterEach(async () => {
  for (const s of open) s.close();
  open = [];
  await fixture.cleanup();
});

test('flag changes, new messages and expunges of one session reach the other at its next command', async () => {
  const a = await login();
  const b = await login();
  await a.command('SELECT INBOX');
  await b.command('SELECT INBOX');

  await b.command('STORE 1 +FLAGS (\\Flagged)');
  // A selected first: the three messages are \Recent in A's session only
  assert.deepEqual((await a.command('NOOP')).untagged, ['* 1 FETCH (UID 1 FLAGS (\\Flagged \\Recent))']);

  await b.command('APPEND INBOX {10}\r\nSubject: x');
  // the literal above was sent without waiting for "+": LITERAL+ is not needed for a small one in this test
  const noop = await a.command('NOOP');
  assert.ok(noop.untagged.includes('* 4 EXISTS'), noop.untagged.join('|'));

  await b.command('STORE 2 +FLAGS.SILENT (\\Deleted)');
  await b.command('EXPUNGE');
  // RFC 3501 §7.4.1: no EXPUNGE while answering FETCH (the sequence numbers must stay valid)
  const fetch = await a.command('FETCH 1:* (FLAGS)');
  assert.ok(!fetch.untagged.some((l) => l.includes('EXPUNGE')), fetch.untagged.join('|'));
  assert.equal(fetch.untagged.filter((l) => l.includes(' FETCH ')).length, 3, 'the expunged message is no longer readable');
  const search = await a.command('SEARCH ALL');
  assert.ok(!search.untagged.some((l) => l.includes('EXPUNGE')));
  assert.deepEqual((await a.command('NOOP')).untagged, ['* 2 EXPUNGE']);
  assert.equal((await a.command('FETCH 1:* (UID)')).untagged.join('|'), '* 1 FETCH (UID 1)|* 2 FETCH (UID 3)|* 3 FETCH (UID 4)');
});

test('UID FETCH may announce the expunge at once', async () => {
  const a = await login();
  const b = await login();
  await a.command('SELECT INBOX');
  await b.command('SELECT INBOX');
  await b.command('UID STORE 3 +FLAGS (\\Deleted)');
  await b.command('UID EXPUNGE 3');
  const reply = await a.command('UID FETCH 1:* (FLAGS)');
  assert.ok(reply.untagged.includes('* 3 EXPUNGE'), reply.untagged.join('|'));
});

test('IDLE hears appends, flag changes and expunges within a second', async () => {
  const a = await login();
  const b = await login();
  await a.command('SELECT INBOX');
  await b.command('SELECT INBOX');
  a.write('idle1 IDLE\r\n');
  assert.equal(await a.readResponse(), '+ idling');

  let started = Date.now();
  await fixture.deliver(USER, message(10));
  assert.equal(await a.readResponse(1000), '* 4 EXISTS');
  assert.equal(await a.readResponse(1000), '* 4 RECENT', 'RECENT counts every recent message of the session');
  assert.ok(Date.now() - started < 1000);

  started = Date.now();
  await b.command('STORE 2 +FLAGS (\\Answered)');
  assert.equal(await a.readResponse(1000), '* 2 FETCH (UID 2 FLAGS (\\Answered \\Recent))');

  await b.command('STORE 1 +FLAGS.SILENT (\\Deleted)');
  assert.equal(await a.readResponse(1000), '* 1 FETCH (UID 1 FLAGS (\\Deleted \\Recent))');
  await b.command('EXPUNGE');
  assert.equal(await a.readResponse(1000), '* 1 EXPUNGE');
  assert.ok(Date.now() - started < 3000);

  a.write('DONE\r\n');
  assert.match((await a.until('idle1')).tagged, /^OK/);
});

test('\\Recent: the first SELECT claims new messages; EXAMINE and STATUS only look', async () => {
  const a = await login();
  const b = await login();
  const status = await a.command('STATUS INBOX (RECENT MESSAGES)');
  assert.deepEqual(status.untagged, ['* STATUS INBOX (RECENT 3 MESSAGES 3)']);
  const examine = await b.command('EXAMINE INBOX');
  assert.ok(examine.untagged.includes('* 3 RECENT'));
  const select = await a.command('SELECT INBOX');
  assert.ok(select.untagged.includes('* 3 RECENT'));
  assert.match((await a.command('FETCH 1 FLAGS')).untagged[0]!, /\\Recent/);
  const again = await b.command('SELECT INBOX');
  assert.ok(again.untagged.includes('* 0 RECENT'), again.untagged.join('|'));
  // a message arriving now is recent for exactly one of the two selected sessions
  await fixture.deliver(USER, message(20));
  await a.command('NOOP');
  await b.command('NOOP');
  const recentA = (await a.command('SEARCH RECENT')).untagged[0];
  const recentB = (await b.command('SEARCH RECENT')).untagged[0];
  assert.ok((recentA === '* SEARCH 1 2 3 4' && recentB === '* SEARCH') || (recentA === '* SEARCH 1 2 3' && recentB === '* SEARCH 4'),
    `${recentA} / ${recentB}`);
});

test('with QRESYNC enabled, expunges are announced as VANISHED', async () => {
  const a = await login();
  const b = await login();
  await a.command('ENABLE QRESYNC');
  await a.command('SELECT INBOX');
  await b.command('SELECT INBOX');
  await b.command('STORE 2:3 +FLAGS (\\Deleted)');
  await b.command('EXPUNGE');
  const noop = await a.command('NOOP');
  assert.ok(noop.untagged.includes('* VANISHED 2:3'), noop.untagged.join('|'));
});

test('a session whose selected folder is deleted by another is told BYE', async () => {
  const a = await login();
  const b = await login();
  await b.command('CREATE Doomed');
  await a.command('SELECT Doomed');
  await b.command('DELETE Doomed');
  a.write('n1 NOOP\r\n');
  assert.match(await a.readResponse(), /^\* BYE/);
});
