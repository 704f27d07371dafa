// The same MIME corpus (test/corpus/mime) APPENDed to mailferry and to a private Dovecot over IMAP: ENVELOPE,
// BODY, BODYSTRUCTURE, RFC822.SIZE, BODY[] (sha256), every BODY[part], BODY[part.MIME], HEADER, TEXT,
// HEADER.FIELDS(.NOT), partial fetches and SEARCH results must agree, messages matched by Message-ID.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { RawImap } from '../../helpers/raw-imap.ts';
import { parseFetchResponse, stringValue } from '../../helpers/fetch-items.ts';
import { dovecotWithCorpus, loadCorpus, scan, type CorpusMessage, type LoadedDovecot } from '../../mime/corpus.ts';
import { sectionsOf } from '../../mime/sections.ts';
import { startImapFixture, PASSWORD, type ImapFixture } from './fixture.ts';

const USER = 'diff@example.org';
const corpus = loadCorpus();
let dovecot: LoadedDovecot;
let fixture: ImapFixture;
let ours: RawImap;
/** corpus message → sequence number in each server, found by Message-ID (append order where there is none) */
const seqs = new Map<string, { ours: number; theirs: number }>();

/** Message-ID header value → sequence numbers, from one server's FETCH answers. */
function messageIds(untagged: Buffer[]): Map<string, number[]> {
  const ids = new Map<string, number[]>();
  for (const raw of untagged) {
    const response = parseFetchResponse(raw);
    const value = [...response.items.values()][0];
    const text = (value ? stringValue(value) : null)?.toString('latin1').replace(/^message-id:/i, '').trim() ?? '';
    if (!text) continue;
    ids.set(text, [...(ids.get(text) ?? []), response.seq]);
  }
  return ids;
}

before(async () => {
  dovecot = await dovecotWithCorpus(corpus);
  fixture = await startImapFixture();
  await fixture.addAccount(USER);
  ours = await RawImap.connect(fixture.port);
  await ours.login(USER, PASSWORD);
  for (const message of dovecot.stored) {
    const reply = await ours.append('INBOX', message.bytes);
    assert.equal(reply.status, 'OK', `${message.name}: ${reply.tagged}`);
  }
  const empty = await ours.append('INBOX', Buffer.alloc(0));
  assert.equal(empty.status, 'NO', 'an empty message is refused, as Dovecot does');
  await ours.command('SELECT INBOX');
  const items = 'FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])';
  const theirIds = messageIds((await dovecot.imap.command(items)).untagged);
  const ourIds = messageIds((await ours.command(items)).untagged);
  dovecot.stored.forEach((message, index) => {
    const id = [...theirIds.entries()].find(([, list]) => list.includes(index + 1))?.[0];
    const mine = id ? ourIds.get(id) : undefined;
    const theirs = id ? theirIds.get(id) : undefined;
    // unique Message-IDs pair the messages; the few without one (or sharing one) pair by APPEND order
    seqs.set(message.name, mine?.length === 1 && theirs?.length === 1 ? { ours: mine[0]!, theirs: theirs[0]! } : { ours: index + 1, theirs: index + 1 });
  });
  const byId = [...seqs.values()].length;
  assert.equal(byId, dovecot.stored.length);
});

after(async () => {
  await ours?.logout();
  await fixture?.cleanup();
  await dovecot?.close();
});

async function fetchOurs(seq: number, items: string): Promise<Map<string, Buffer>> {
  const reply = await ours.command(`FETCH ${seq} (${items})`);
  assert.equal(reply.status, 'OK', reply.tagged);
  const response = reply.untagged.map(parseFetchResponse).find((r) => r.seq === seq);
  assert.ok(response, `no FETCH response for ${seq}`);
  return response.items;
}

const sha = (data: Buffer | null) => (data === null ? 'NIL' : createHash('sha256').update(data).digest('hex'));

function sectionItems(message: CorpusMessage): string[] {
  const items = [
    'BODY.PEEK[]', 'BODY.PEEK[HEADER]', 'BODY.PEEK[TEXT]', 'BODY.PEEK[]<10.50>', 'BODY.PEEK[TEXT]<3.7>',
    'BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID CONTENT-TYPE)]', 'BODY.PEEK[HEADER.FIELDS.NOT (RECEIVED SUBJECT)]',
  ];
  for (const { section } of sectionsOf(scan(message.bytes).body)) items.push(`BODY.PEEK[${section}]`);
  return items;
}

test('ENVELOPE, BODY, BODYSTRUCTURE and RFC822.SIZE agree with Dovecot', async () => {
  const mismatches: string[] = [];
  for (const message of dovecot.stored) {
    const { ours: o, theirs: t } = seqs.get(message.name)!;
    const items = 'RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY';
    const [mine, theirs] = [await fetchOurs(o, items), await dovecot.fetch(t, items)];
    for (const name of ['RFC822.SIZE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY']) {
      if (!mine.get(name)?.equals(theirs.get(name)!)) {
        mismatches.push(`${message.name} ${name}\n  dovecot: ${theirs.get(name)?.toString('latin1').slice(0, 300)}\n  ours:    ${mine.get(name)?.toString('latin1').slice(0, 300)}`);
      }
    }
  }
  assert.equal(mismatches.length, 0, mismatches.join('\n'));
});

test('BODY[] (sha256), every part, MIME header, HEADER/TEXT, HEADER.FIELDS(.NOT) and partials agree', async () => {
  const mismatches: string[] = [];
  let compared = 0;
  for (const message of dovecot.stored) {
    const { ours: o, theirs: t } = seqs.get(message.name)!;
    const items = sectionItems(message);
    for (let i = 0; i < items.length; i += 200) {
      const batch = items.slice(i, i + 200).join(' ');
      const [mine, theirs] = [await fetchOurs(o, batch), await dovecot.fetch(t, batch)];
      for (const [name, value] of theirs) {
        compared++;
        const a = stringValue(value);
        const b = mine.has(name) ? stringValue(mine.get(name)!) : undefined;
        if (b === undefined || sha(a) !== sha(b)) {
          mismatches.push(`${message.name} ${name}: dovecot ${JSON.stringify(a?.toString('latin1').slice(0, 120))} ours ${JSON.stringify(b?.toString('latin1').slice(0, 120))}`);
        }
      }
    }
  }
  assert.ok(compared > dovecot.stored.length * 7, `compared ${compared} sections`);
  assert.equal(mismatches.length, 0, `${mismatches.length} of ${compared} sections differ:\n${mismatches.join('\n')}`);
});

const SEARCHES = [
  'ALL', 'FROM "example"', 'TO "bob"', 'SUBJECT "test"', 'SUBJECT "the"', 'BODY "hello"', 'TEXT "multipart"', 'BODY "boundary"',
  'HEADER Content-Type "multipart/mixed"', 'HEADER Message-ID ""', 'NOT HEADER Message-ID ""', 'LARGER 2000', 'SMALLER 300',
  'SENTSINCE 1-Jan-2010', 'SENTBEFORE 1-Jan-2005', 'OR SUBJECT "encodings" BODY "hello"', 'CHARSET UTF-8 BODY "ü"', 'CHARSET UTF-8 SUBJECT "é"',
  'HEADER X-Mailer ""', 'TEXT "attachment"', 'BODY "base64"', '1:10 NOT 3', 'UNSEEN', 'NEW',
];

test('SEARCH results agree with Dovecot (compared by message, not by number)', async () => {
  const toNames = (line: string | undefined, side: 'ours' | 'theirs') => {
    const numbers = new Set((line ?? '').replace(/^\* SEARCH ?/, '').split(' ').filter(Boolean).map(Number));
    return dovecot.stored.filter((m) => numbers.has(seqs.get(m.name)![side])).map((m) => m.name);
  };
  const mismatches: string[] = [];
  for (const criteria of SEARCHES) {
    const mine = await ours.command(`SEARCH ${criteria}`);
    const theirs = await dovecot.imap.command(`SEARCH ${criteria}`);
    assert.equal(mine.status, theirs.status, `${criteria}: ${mine.tagged} / ${theirs.tagged}`);
    const a = toNames(theirs.untagged.map((b) => b.toString('latin1')).find((l) => l.startsWith('* SEARCH')), 'theirs');
    const b = toNames(mine.untagged.map((b) => b.toString('latin1')).find((l) => l.startsWith('* SEARCH')), 'ours');
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      mismatches.push(`${criteria}\n  only dovecot: ${a.filter((n) => !b.includes(n)).join(' ')}\n  only ours:    ${b.filter((n) => !a.includes(n)).join(' ')}`);
    }
  }
  assert.equal(mismatches.length, 0, mismatches.join('\n'));
});
