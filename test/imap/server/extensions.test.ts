// Protocol details checked on the wire: ESEARCH and SEARCHRES, CONDSTORE (UNCHANGEDSINCE, MODSEQ search,
// CHANGEDSINCE), QRESYNC SELECT, SPECIAL-USE in CREATE and LIST, LIST-EXTENDED, STATUS, \Seen set by BODY[],
// partial fetches, keywords announced in FLAGS, and a large APPEND streamed with LITERAL+.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startImapFixture, message, PASSWORD, type ImapFixture } from './fixture.ts';
import { loggedIn, type RawSession } from './raw-session.ts';

const USER = 'ext@example.org';
let fixture: ImapFixture;
let s: RawSession;

before(async () => {
  fixture = await startImapFixture();
  await fixture.addAccount(USER);
  for (let i = 1; i <= 6; i++) await fixture.deliver(USER, message(i));
  s = await loggedIn(fixture.port, USER, PASSWORD);
});
after(async () => {
  s.close();
  await fixture.cleanup();
});

test('ESEARCH return options and SEARCHRES "$"', async () => {
  await s.command('SELECT INBOX');
  const reply = await s.command('SEARCH RETURN (MIN MAX COUNT ALL) 2:5');
  assert.match(reply.untagged[0]!, /^\* ESEARCH \(TAG "t\d+"\) MIN 2 MAX 5 COUNT 4 ALL 2:5$/);
  const uid = await s.command('UID SEARCH RETURN (COUNT) ALL');
  assert.match(uid.untagged[0]!, /^\* ESEARCH \(TAG "t\d+"\) UID COUNT 6$/);
  assert.deepEqual((await s.command('SEARCH RETURN (SAVE) 3:4')).untagged, []);
  assert.equal((await s.command('FETCH $ (UID)')).untagged.join('|'), '* 3 FETCH (UID 3)|* 4 FETCH (UID 4)');
  assert.equal((await s.command('UID SEARCH UID $')).untagged[0], '* SEARCH 3 4');
});

test('CONDSTORE: STORE UNCHANGEDSINCE reports MODIFIED, MODSEQ search, CHANGEDSINCE fetch', async () => {
  await s.command('SELECT INBOX (CONDSTORE)');
  const all = await s.command('FETCH 1:* (MODSEQ)');
  const modseq = Math.max(...all.untagged.map((l) => Number(/MODSEQ \((\d+)\)/.exec(l)![1])));
  await s.command('STORE 2 +FLAGS (\\Flagged)');
  const conditional = await s.command(`STORE 1:2 (UNCHANGEDSINCE ${modseq}) +FLAGS (\\Answered)`);
  assert.match(conditional.tagged, /^OK \[MODIFIED 2\]/);
  // (no \Recent: this session claimed the messages at its first SELECT; a second SELECT no longer shows it)
  assert.match(conditional.untagged.join('|'), /^\* 1 FETCH \(FLAGS \(\\Answered\) MODSEQ \(\d+\)\)$/);
  const search = await s.command(`SEARCH MODSEQ ${modseq + 1}`);
  assert.match(search.untagged[0]!, /^\* SEARCH 1 2 \(MODSEQ \d+\)$/);
  const changed = await s.command(`FETCH 1:* (FLAGS) (CHANGEDSINCE ${modseq})`);
  assert.equal(changed.untagged.length, 2);
  assert.ok(changed.untagged.every((l) => /MODSEQ \(\d+\)/.test(l)));
});

test('QRESYNC SELECT reports VANISHED (EARLIER) and changed flags', async () => {
  const q = await loggedIn(fixture.port, USER, PASSWORD);
  try {
    await q.command('ENABLE QRESYNC');
    const selected = await q.command('SELECT INBOX');
    const validity = /UIDVALIDITY (\d+)/.exec(selected.untagged.join('\n'))![1];
    const highest = Number(/HIGHESTMODSEQ (\d+)/.exec(selected.untagged.join('\n'))![1]);
    await q.command('STORE 6 +FLAGS.SILENT (\\Deleted)');
    await q.command('EXPUNGE');
    await q.command('STORE 5 +FLAGS.SILENT (\\Seen)');
    const again = await q.command(`SELECT INBOX (QRESYNC (${validity} ${highest} 1:6))`);
    assert.ok(again.untagged.includes('* OK [CLOSED] Previous mailbox closed.'));
    assert.ok(again.untagged.includes('* VANISHED (EARLIER) 6'), again.untagged.join('|'));
    assert.ok(again.untagged.some((l) => /^\* 5 FETCH \(UID 5 FLAGS \(\\Seen( \\Recent)?\) MODSEQ \(\d+\)\)$/.test(l)), again.untagged.join('|'));
  } finally {
    q.close();
  }
});

test('SPECIAL-USE and LIST-EXTENDED: CREATE (USE), selection and return options, LIST-STATUS', async () => {
  assert.match((await s.command('CREATE Receipts (USE (\\Archive))')).tagged, /^OK/);
  assert.match((await s.command('CREATE Bad (USE (\\Nonsense))')).tagged, /^NO \[USEATTR\]/);
  const special = await s.command('LIST (SPECIAL-USE) "" *');
  assert.ok(special.untagged.some((l) => l === '* LIST (\\HasNoChildren \\Archive) "/" Receipts'), special.untagged.join('|'));
  assert.ok(!special.untagged.some((l) => l.endsWith(' INBOX')));
  await s.command('SUBSCRIBE Receipts');
  const subscribed = await s.command('LIST (SUBSCRIBED) "" "Rec*" RETURN (CHILDREN)');
  assert.deepEqual(subscribed.untagged, ['* LIST (\\HasNoChildren \\Archive \\Subscribed) "/" Receipts']);
  const withStatus = await s.command('LIST "" INBOX RETURN (STATUS (MESSAGES UNSEEN SIZE))');
  assert.match(withStatus.untagged[1]!, /^\* STATUS INBOX \(MESSAGES 5 UNSEEN \d+ SIZE \d+\)$/);
  assert.deepEqual((await s.command('LIST "" ""')).untagged, ['* LIST (\\Noselect) "/" ""']);
  const status = await s.command('STATUS Receipts (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED APPENDLIMIT)');
  assert.match(status.untagged[0]!, /^\* STATUS Receipts \(MESSAGES 0 UIDNEXT 1 UIDVALIDITY \d+ UNSEEN 0 HIGHESTMODSEQ \d+ SIZE 0 DELETED 0 APPENDLIMIT \d+\)$/);
});

test('BODY[] sets \\Seen and says so; partial fetches; new keywords come with FLAGS', async () => {
  await s.command('SELECT INBOX');
  const body = await s.command('FETCH 3 (BODY[TEXT]<6.6>)');
  // CONDSTORE was enabled above, so the implicit flag change comes with its MODSEQ
  assert.match(body.untagged[0]!, /^\* 3 FETCH \(BODY\[TEXT\]<6> \{6\}\r\nnumber FLAGS \(\\Seen\) MODSEQ \(\d+\)\)$/);
  const beyond = await s.command('FETCH 3 (BODY.PEEK[TEXT]<1000.5>)');
  assert.equal(beyond.untagged[0], '* 3 FETCH (BODY[TEXT]<1000> {0}\r\n)');
  const stored = await s.command('STORE 4 +FLAGS ($Project)');
  assert.equal(stored.untagged[0], '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Project)');
  assert.match(stored.untagged[1]!, /PERMANENTFLAGS \(.*\$Project \\\*\)/);
});

test('a 5 MB APPEND with LITERAL+ is streamed in and fetched back byte for byte', async () => {
  const line = `${'x'.repeat(998)}\r\n`;
  const big = Buffer.from(`Subject: big\r\nMessage-ID: <big@example.org>\r\n\r\n${line.repeat(5 * 1024)}`);
  s.write(`big APPEND INBOX {${big.length}+}\r\n`);
  s.write(big);
  s.write('\r\n');
  const appended = await s.until('big', 30_000);
  assert.match(appended.tagged, /^OK \[APPENDUID \d+ 7\]/);
  await s.command('NOOP');
  const fetched = await s.command('UID FETCH 7 (RFC822.SIZE BODY.PEEK[])');
  const text = fetched.untagged.find((l) => l.includes('BODY[]'))!;
  const bytes = Buffer.from(text.slice(text.indexOf('}\r\n') + 3, -1), 'latin1');
  assert.equal(createHash('sha256').update(bytes).digest('hex'), createHash('sha256').update(big).digest('hex'));
  assert.match(text, new RegExp(`RFC822.SIZE ${big.length}`));
});
