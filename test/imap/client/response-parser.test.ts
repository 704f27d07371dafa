import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseParser } from '../../../src/imap/client/response-parser.ts';
import { SpooledLiteral, spoolingLiteralSinkFactory, disposeLiterals } from '../../../src/imap/client/literal-spool.ts';
import type { ImapResponse } from '../../../src/imap/client/responses.ts';
import { Atom } from '../../../src/imap/client/tokens.ts';
import { readFetch, envelopeMessageId, headerMessageId } from '../../../src/imap/client/fetch-data.ts';
import { readList, readStatus, readEsearch, readNamespace, readVanished, readSearch } from '../../../src/imap/client/untagged-data.ts';
import { readAppendUid, readCopyUid, readFlagsCode } from '../../../src/imap/client/response-codes.ts';
import { tokenBinaryString } from '../../../src/imap/client/tokens.ts';

const body = Buffer.concat([Buffer.from('Subject: x\r\n\r\n8-bit: \xe9\xff NUL:', 'latin1'), Buffer.from([0]), Buffer.from('\nbare LF\r\n)}{3}\r\n')]);

const transcript = Buffer.concat([
  Buffer.from('* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN] Dovecot ready.\r\n'),
  Buffer.from('+ idling\r\n'),
  Buffer.from('+\r\n'),
  Buffer.from('* LIST (\\HasNoChildren \\Sent) "/" "Sent \\"x\\""\r\n'),
  Buffer.from('* LIST () "/" {10}\r\nfoo\r\n[bar)\r\n'),
  Buffer.from('* LIST (\\Noselect) NIL INBOX\r\n'),
  Buffer.from('* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n'),
  Buffer.from('* 172 EXISTS\r\n* 1 RECENT\r\n* 3 EXPUNGE\r\n'),
  Buffer.from('* OK [UIDVALIDITY 3857529045] UIDs valid\r\n'),
  Buffer.from('* OK [PERMANENTFLAGS (\\Deleted \\Seen $Forwarded \\*)] Limited\r\n'),
  Buffer.from('* SEARCH 2 84 882 (MODSEQ 917162500)\r\n'),
  Buffer.from('* ESEARCH (TAG "A282") UID MIN 2 COUNT 3 ALL 2,10:11\r\n'),
  Buffer.from('* NAMESPACE (("" "/")) NIL (("#shared." "."))\r\n'),
  Buffer.from('* VANISHED (EARLIER) 41,43:45\r\n'),
  Buffer.from(`* 12 FETCH (UID 4827313 FLAGS (\\Seen $Label1) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE ${body.length} MODSEQ (12121231000) ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" {5}\r\nIMAP4 (("Terry" NIL "gray" "cac.washington.edu")) NIL NIL NIL NIL NIL NIL "<B27397-0100000@cac.washington.edu>") BODY[HEADER.FIELDS (MESSAGE-ID)] {21}\r\nMessage-ID: <a@b>\r\n\r\n BODY[] {${body.length}}\r\n`, 'latin1'),
  body,
  Buffer.from(')\r\n'),
  Buffer.from('* 13 FETCH (BODY[]<0> {0}\r\n UID 9 FLAGS ())\r\n'),
  Buffer.from('A1 OK [APPENDUID 38505 3955:3957] APPEND completed\r\n'),
  Buffer.from('A2 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n'),
  Buffer.from('A3 NO [UNAVAILABLE] Request is throttled. Suggested Backoff Time: 5000 milliseconds\n'),
  Buffer.from('* BYE [ALERT] going down\r\n'),
]);

function parseAll(chunks: Buffer[], memoryLimit?: number): ImapResponse[] {
  const out: ImapResponse[] = [];
  const parser = new ResponseParser((response) => out.push(response),
    memoryLimit === undefined ? {} : { literalSink: spoolingLiteralSinkFactory({ memoryLimit }) });
  for (const chunk of chunks) parser.push(chunk);
  assert.equal(parser.midResponse, false);
  return out;
}

test('a transcript parses the same whatever the chunk boundaries', () => {
  const whole = parseAll([transcript]);
  assert.equal(whole.length, 22);
  for (let split = 1; split < transcript.length; split++) {
    const parts = parseAll([transcript.subarray(0, split), transcript.subarray(split)]);
    assert.deepEqual(parts, whole, `split at ${split}`);
  }
  const bytewise = parseAll([...transcript].map((byte) => Buffer.from([byte])));
  assert.deepEqual(bytewise, whole);
});

test('three-way splits around the body literal', () => {
  const whole = parseAll([transcript]);
  const start = transcript.indexOf('* 12 FETCH');
  const end = transcript.indexOf('* 13 FETCH');
  for (let a = start; a < end; a += 7) {
    for (let b = a + 1; b < end; b += 13) {
      assert.deepEqual(parseAll([transcript.subarray(0, a), transcript.subarray(a, b), transcript.subarray(b)]), whole);
    }
  }
});

test('readers give typed values', () => {
  const r = parseAll([transcript]);
  assert.deepEqual(r[0], { kind: 'status', status: 'OK', code: { name: 'CAPABILITY', raw: 'IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN', args: ['IMAP4rev1', 'LITERAL+', 'SASL-IR', 'AUTH=PLAIN'].map((a) => new Atom(a)) }, text: 'Dovecot ready.' });
  assert.deepEqual(r[1], { kind: 'continuation', text: 'idling' });
  assert.deepEqual(r[2], { kind: 'continuation', text: '' });
  const decode = (t: unknown) => String(tokenBinaryString(t as never));
  assert.deepEqual(readList(r[3] as never, decode), { name: 'Sent "x"', delimiter: '/', attributes: ['\\HasNoChildren', '\\Sent'] });
  assert.deepEqual(readList(r[4] as never, decode), { name: 'foo\r\n[bar)', delimiter: '/', attributes: [] });
  assert.deepEqual(readList(r[5] as never, decode), { name: 'INBOX', delimiter: null, attributes: ['\\Noselect'] });
  const status = readStatus(r[6] as never, decode);
  assert.equal(status.name, 'blurdybloop');
  assert.equal(status.values.get('HIGHESTMODSEQ'), 7011231777);
  assert.deepEqual(r[7], { kind: 'numeric', type: 'EXISTS', number: 172 });
  assert.deepEqual(r[9], { kind: 'numeric', type: 'EXPUNGE', number: 3 });
  assert.equal((r[10] as { code: { name: string } }).code.name, 'UIDVALIDITY');
  assert.deepEqual(readFlagsCode((r[11] as never as { code: never }).code), ['\\Deleted', '\\Seen', '$Forwarded', '\\*']);
  assert.deepEqual(readSearch(r[12] as never), { numbers: [2, 84, 882], modseq: 917162500 });
  const esearch = readEsearch(r[13] as never);
  assert.equal(esearch.tag, 'A282');
  assert.equal(esearch.uid, true);
  assert.equal(esearch.items.get('ALL'), '2,10:11');
  assert.deepEqual(readNamespace(r[14] as never, decode), { personal: [{ prefix: '', delimiter: '/' }], otherUsers: [], shared: [{ prefix: '#shared.', delimiter: '.' }] });
  assert.deepEqual(readVanished(r[15] as never), { earlier: true, uids: [41, 43, 44, 45] });

  const fetch = readFetch(r[16] as never);
  assert.equal(fetch.seq, 12);
  assert.equal(fetch.uid, 4827313);
  assert.deepEqual(fetch.flags, ['\\Seen', '$Label1']);
  assert.equal(fetch.internalDate?.toISOString(), '1996-07-17T09:44:25.000Z');
  assert.equal(fetch.size, body.length);
  assert.equal(fetch.modseq, 12121231000);
  assert.equal(envelopeMessageId(fetch.envelope), '<B27397-0100000@cac.washington.edu>');
  assert.deepEqual(fetch.envelope?.[1], Buffer.from('IMAP4'));
  assert.equal(headerMessageId(fetch.sections.get('BODY[HEADER.FIELDS (MESSAGE-ID)]') as Buffer), '<a@b>');
  assert.deepEqual(fetch.sections.get('BODY[]'), body);
  const empty = readFetch(r[17] as never);
  assert.equal(empty.uid, 9);
  assert.deepEqual(empty.sections.get('BODY[]'), Buffer.alloc(0));

  assert.deepEqual(readAppendUid((r[18] as never as { code: never }).code), { uidValidity: 38505, uids: [3955, 3956, 3957] });
  assert.deepEqual([...readCopyUid((r[19] as never as { code: never }).code)!.map], [[304, 3956], [319, 3957], [320, 3958]]);
  assert.deepEqual(r[20], { kind: 'tagged', tag: 'A3', status: 'NO', code: { name: 'UNAVAILABLE', raw: '', args: [] }, text: 'Request is throttled. Suggested Backoff Time: 5000 milliseconds' });
  assert.equal(r[21]!.kind, 'status');
});

test('large literals are spooled to a file and read back byte-exact, whatever the split', async () => {
  for (const split of [1, 100, transcript.indexOf('BODY[] {') + 12, transcript.length - 5]) {
    const responses = parseAll([transcript.subarray(0, split), transcript.subarray(split)], 16);
    const fetch = readFetch(responses[16] as never);
    const spooled = fetch.sections.get('BODY[]');
    assert.ok(spooled instanceof SpooledLiteral);
    assert.deepEqual(await spooled.toBuffer(), body);
    assert.deepEqual(fetch.envelope?.[1], Buffer.from('IMAP4'), 'small literals stay in memory');
    for (const response of responses) if (response.kind === 'fetch') disposeLiterals(response.items);
  }
});

test('garbage is reported, not swallowed', () => {
  const parser = new ResponseParser(() => {});
  assert.throws(() => parser.push(Buffer.from('A1 MAYBE hello\r\n')), /tagged response with status/);
  assert.throws(() => parser.push(Buffer.from('* LIST ("unterminated\r\n')), /unterminated/);
  const small = new ResponseParser(() => {}, { maxLineBytes: 10 });
  assert.throws(() => small.push(Buffer.from('* OK 12345678901234567890')), /longer than/);
});
