import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseFails } from './helpers.ts';
import { parseCommand } from '../../../src/imap/codec/parser.ts';
import { framedFromText } from '../../../src/imap/codec/framed-command.ts';

test('commands without arguments, case-insensitive names', () => {
  for (const name of ['CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'CHECK', 'CLOSE', 'UNSELECT', 'IDLE', 'NAMESPACE']) {
    assert.deepEqual(parse(`t1 ${name.toLowerCase()}`), { tag: 't1', name });
  }
  assert.deepEqual(parse('A001 EXPUNGE'), { tag: 'A001', name: 'EXPUNGE', uid: false, uids: null });
  assert.deepEqual(parseCommand(framedFromText('x.1 Noop')), { tag: 'x.1', name: 'NOOP' });
});

test('LOGIN with atoms, quoted strings and literals', () => {
  assert.deepEqual(parse('a LOGIN alice secret'), { tag: 'a', name: 'LOGIN', userid: 'alice', password: 'secret' });
  assert.deepEqual(parse('a LOGIN "al ice" "p\\"w\\\\d"'), { tag: 'a', name: 'LOGIN', userid: 'al ice', password: 'p"w\\d' });
  assert.deepEqual(parse('a LOGIN {5}\r\nalice {4+}\r\nsecr'), { tag: 'a', name: 'LOGIN', userid: 'alice', password: 'secr' });
  assert.deepEqual(parse('a LOGIN "jürgen" "pässword"'), { tag: 'a', name: 'LOGIN', userid: 'jürgen', password: 'pässword' });
  assert.deepEqual(parse('a LOGIN user@example.org pa]ss'), { tag: 'a', name: 'LOGIN', userid: 'user@example.org', password: 'pa]ss' });
});

test('AUTHENTICATE with and without SASL-IR (RFC 4959)', () => {
  assert.deepEqual(parse('a AUTHENTICATE plain'), { tag: 'a', name: 'AUTHENTICATE', mechanism: 'PLAIN', initialResponse: null });
  const ir = parse('a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==');
  assert.ok(ir.name === 'AUTHENTICATE');
  assert.equal(ir.initialResponse?.toString('latin1'), '\0alice\0secret');
  const empty = parse('a AUTHENTICATE EXTERNAL =');
  assert.ok(empty.name === 'AUTHENTICATE');
  assert.deepEqual(empty.initialResponse, Buffer.alloc(0));
  parseFails('a AUTHENTICATE PLAIN AGFs!', /not valid base64/);
  parseFails('a AUTHENTICATE PLAIN AGF', /not valid base64/);
});

test('SELECT / EXAMINE with CONDSTORE and QRESYNC (RFC 7162)', () => {
  assert.deepEqual(parse('a select inbox'), { tag: 'a', name: 'SELECT', mailbox: { name: 'INBOX', raw: 'inbox' }, condstore: false, qresync: null });
  const ex = parse('a EXAMINE "Entw&APw-rfe" (CONDSTORE)');
  assert.ok(ex.name === 'EXAMINE');
  assert.equal(ex.mailbox.name, 'Entwürfe');
  assert.equal(ex.condstore, true);
  const q = parse('A02 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541))');
  assert.ok(q.name === 'SELECT' && q.qresync);
  assert.equal(q.qresync.uidValidity, 67890007);
  assert.equal(q.qresync.modseq, 90060115194045000n);
  assert.deepEqual(q.qresync.knownUids, { kind: 'set', ranges: [{ from: 41, to: 211 }, { from: 214, to: 541 }] });
  assert.equal(q.qresync.sequenceMatch, null);
  const full = parse('B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))');
  assert.ok(full.name === 'SELECT' && full.qresync?.sequenceMatch);
  assert.equal(full.qresync.sequenceMatch.sequences.kind, 'set');
  const onlyMatch = parse('a SELECT INBOX (QRESYNC (1 2 (1:2 5:6)) CONDSTORE)');
  assert.ok(onlyMatch.name === 'SELECT' && onlyMatch.qresync?.sequenceMatch && onlyMatch.condstore);
  assert.equal(onlyMatch.qresync.knownUids, null);
  parseFails('a SELECT INBOX (QRESYNC (0 5))', /UIDVALIDITY must not be 0/);
  parseFails('a SELECT INBOX (QRESYNC (1 5 1:*))', /explicit numbers/);
  parseFails('a SELECT INBOX (FOO)', /unknown select parameter FOO/);
  parseFails('a SELECT INBOX ()', /empty select parameters/);
  parseFails('a SELECT INBOX (CONDSTORE CONDSTORE)', /given twice/);
});

test('CREATE with USE (RFC 6154), DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE', () => {
  assert.deepEqual(parse('a CREATE Archive/2024'), { tag: 'a', name: 'CREATE', mailbox: { name: 'Archive/2024', raw: 'Archive/2024' }, specialUse: [] });
  const use = parse('a CREATE MySpecialJunk (USE (\\junk \\Sent))');
  assert.ok(use.name === 'CREATE');
  assert.deepEqual(use.specialUse, ['\\Junk', '\\Sent']);
  assert.deepEqual(parse('a DELETE "Old &AMk-t&AOk-"'), { tag: 'a', name: 'DELETE', mailbox: { name: 'Old Été', raw: 'Old &AMk-t&AOk-' } });
  assert.deepEqual(parse('a RENAME A B'), { tag: 'a', name: 'RENAME', from: { name: 'A', raw: 'A' }, to: { name: 'B', raw: 'B' } });
  assert.equal(parse('a SUBSCRIBE x').name, 'SUBSCRIBE');
  assert.equal(parse('a UNSUBSCRIBE {1+}\r\nx').name, 'UNSUBSCRIBE');
  parseFails('a CREATE Entwürfe', /8-bit byte outside a quoted string or literal/);
  parseFails('a CREATE "Entwürfe"', /bad mailbox name.*must be encoded/);
  parseFails('a CREATE "a&b"', /not closed/);
  parseFails('a CREATE x (USE (Junk))', /special-use attribute/);
  parseFails('a RENAME A', /expected SP/);
});

test('UTF8=ACCEPT mailbox names are UTF-8 (RFC 6855)', () => {
  const select = parse('a SELECT "Entwürfe & Co"', { utf8Accept: true });
  assert.ok(select.name === 'SELECT');
  assert.equal(select.mailbox.name, 'Entwürfe & Co');
  parseFails('a SELECT {3+}\r\na\nb', /control character/, { utf8Accept: true });
});

test('LIST basic and LIST-EXTENDED (RFC 5258, 6154, 5819)', () => {
  assert.deepEqual(parse('a LIST "" %'), {
    tag: 'a', name: 'LIST', reference: '', patterns: ['%'], extended: false,
    selection: { subscribed: false, remote: false, recursiveMatch: false, specialUse: false },
    returns: { subscribed: false, children: false, specialUse: false, status: null },
  });
  assert.deepEqual((parse('a LIST "" *]x') as { patterns: string[] }).patterns, ['*]x']);
  const ext = parse('A02 LIST (SUBSCRIBED RECURSIVEMATCH) "" "Foo/*" RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN))');
  assert.ok(ext.name === 'LIST');
  assert.equal(ext.extended, true);
  assert.deepEqual(ext.selection, { subscribed: true, remote: false, recursiveMatch: true, specialUse: false });
  assert.deepEqual(ext.returns, { subscribed: false, children: true, specialUse: true, status: ['MESSAGES', 'UNSEEN'] });
  const multi = parse('a LIST () "" ("INBOX" "Entw&APw-rfe/%")');
  assert.ok(multi.name === 'LIST');
  assert.deepEqual(multi.patterns, ['INBOX', 'Entwürfe/%']);
  const special = parse('t1 LIST (SPECIAL-USE) "" *');
  assert.ok(special.name === 'LIST' && special.selection.specialUse);
  const ret = parse('t1 LIST "" % RETURN ()');
  assert.ok(ret.name === 'LIST' && ret.extended);
  parseFails('a LIST (RECURSIVEMATCH) "" %', /RECURSIVEMATCH needs/);
  parseFails('a LIST (FOO) "" %', /unknown LIST selection option FOO/);
  parseFails('a LIST "" % RETURN (BAR)', /unknown LIST return option BAR/);
  parseFails('a LIST "" % RETURNS ()', /expected RETURN/);
  parseFails('a LIST ""', /expected SP/);
});

test('LSUB and STATUS', () => {
  assert.deepEqual(parse('a LSUB "#news." "comp.mail.*"'), { tag: 'a', name: 'LSUB', reference: '#news.', pattern: 'comp.mail.*' });
  assert.deepEqual(parse('A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ SIZE)'), {
    tag: 'A042', name: 'STATUS', mailbox: { name: 'blurdybloop', raw: 'blurdybloop' }, items: ['UIDNEXT', 'MESSAGES', 'HIGHESTMODSEQ', 'SIZE'],
  });
  parseFails('a STATUS INBOX ()', /empty status items/);
  parseFails('a STATUS INBOX (MESSAGES FOO)', /unknown status item FOO/);
});

test('APPEND: flags, date-time, literal, MULTIAPPEND, literal8', () => {
  const message = 'Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nSubject: afternoon meeting\r\n\r\nHello\r\n';
  const append = parse(`A003 APPEND saved-messages (\\Seen \\seen $Forwarded) "07-Feb-1994 21:52:25 -0800" {${message.length}}\r\n${message}`);
  assert.ok(append.name === 'APPEND');
  assert.equal(append.mailbox.name, 'saved-messages');
  assert.equal(append.messages.length, 1);
  const [m] = append.messages;
  assert.deepEqual(m.flags, ['\\Seen', '$Forwarded']);
  assert.equal(m.internalDate?.toISOString(), '1994-02-08T05:52:25.000Z');
  assert.ok(m.content.kind === 'literal');
  assert.equal(m.content.data.toString(), message);
  const multi = parse('a APPEND INBOX {3+}\r\none (\\Draft) {3+}\r\ntwo " 1-Jan-2020 00:00:00 +0100" ~{3+}\r\nt\0o');
  assert.ok(multi.name === 'APPEND');
  assert.equal(multi.messages.length, 3);
  assert.deepEqual(multi.messages.map((x) => x.flags), [[], ['\\Draft'], []]);
  assert.equal(multi.messages[2].internalDate?.toISOString(), '2019-12-31T23:00:00.000Z');
  assert.ok(multi.messages[2].content.kind === 'literal' && multi.messages[2].content.binary);
  parseFails('a APPEND INBOX (\\Recent) {1+}\r\nx', /\\Recent flag cannot be set/);
  parseFails('a APPEND INBOX (\\Foo) {1+}\r\nx', /unknown system flag/);
  parseFails('a APPEND INBOX "31-Feb-2020 00:00:00 +0000" {1+}\r\nx', /invalid day/);
  parseFails('a APPEND INBOX "hello"', /invalid date-time/);
  parseFails('a APPEND INBOX', /expected SP/);
  parseFails('a APPEND INBOX {1+}\r\nx junk', /expected message literal/);
});

test('COPY, MOVE, UID variants and UID EXPUNGE', () => {
  assert.deepEqual(parse('a COPY 2:4 MEETING'), { tag: 'a', name: 'COPY', uid: false, sequence: { kind: 'set', ranges: [{ from: 2, to: 4 }] }, mailbox: { name: 'MEETING', raw: 'MEETING' } });
  assert.deepEqual(parse('a UID MOVE 42:* "Trash"'), { tag: 'a', name: 'MOVE', uid: true, sequence: { kind: 'set', ranges: [{ from: 42, to: '*' }] }, mailbox: { name: 'Trash', raw: 'Trash' } });
  assert.deepEqual(parse('a uid expunge 3000:3002'), { tag: 'a', name: 'EXPUNGE', uid: true, uids: { kind: 'set', ranges: [{ from: 3000, to: 3002 }] } });
  assert.deepEqual((parse('a MOVE $ Archive') as { sequence: unknown }).sequence, { kind: 'saved' });
  parseFails('a UID NOOP', /NOOP cannot follow UID/);
  parseFails('a UID EXPUNGE', /expected SP/);
  parseFails('a COPY 0 x', /must not be 0|sequence number 0/);
});

test('ENABLE and ID (RFC 5161, RFC 2971)', () => {
  assert.deepEqual(parse('t2 ENABLE condstore QRESYNC utf8=accept'), { tag: 't2', name: 'ENABLE', capabilities: ['CONDSTORE', 'QRESYNC', 'UTF8=ACCEPT'] });
  assert.deepEqual(parse('a023 ID ("name" "sodr" "version" "19.34" "vendor" NIL)'), {
    tag: 'a023', name: 'ID', parameters: [['name', 'sodr'], ['version', '19.34'], ['vendor', null]],
  });
  assert.deepEqual(parse('a ID NIL'), { tag: 'a', name: 'ID', parameters: null });
  assert.deepEqual(parse('a ID ()'), { tag: 'a', name: 'ID', parameters: [] });
  parseFails('a ENABLE', /expected SP/);
  parseFails('a ID ("name")', /expected SP/);
  parseFails(`a ID ("${'f'.repeat(31)}" "x")`, /longer than 30/);
});
