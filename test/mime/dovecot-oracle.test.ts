// The proof that our ENVELOPE / BODY / BODYSTRUCTURE are Dovecot's: every corpus message is appended to a
// private Dovecot, and its raw FETCH answer must equal, byte for byte, what our scanner and formatter say.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { formatBodyStructure, formatEnvelope } from '../../src/mime/imap-format.ts';
import { dovecotWithCorpus, loadCorpus, scan, type LoadedDovecot } from './corpus.ts';

const corpus = loadCorpus();
let oracle: LoadedDovecot;

before(async () => {
  oracle = await dovecotWithCorpus(corpus);
});

after(async () => {
  await oracle?.close();
});

test('the corpus is large enough and Dovecot stores all of it but the empty message', () => {
  assert.ok(corpus.length >= 60, `corpus has ${corpus.length} messages`);
  assert.deepEqual(oracle.refused.map((r) => r.name), ['bad-empty-message']);
});

test('ENVELOPE, BODY and BODYSTRUCTURE equal Dovecot for every corpus message', async () => {
  const mismatches: string[] = [];
  for (const [index, message] of oracle.stored.entries()) {
    const items = await oracle.fetch(index + 1, 'ENVELOPE BODYSTRUCTURE BODY');
    const info = scan(message.bytes);
    const ours = new Map([
      ['ENVELOPE', formatEnvelope(info.envelope)],
      ['BODYSTRUCTURE', formatBodyStructure(info.body, { extensible: true })],
      ['BODY', formatBodyStructure(info.body, { extensible: false })],
    ]);
    for (const [item, text] of ours) {
      const theirs = items.get(item)?.toString('latin1');
      if (theirs !== text) mismatches.push(`${message.name} ${item}\n  dovecot: ${show(theirs)}\n  ours:    ${show(text)}`);
    }
  }
  console.log(`oracle: ${oracle.stored.length - new Set(mismatches.map((m) => m.split(' ')[0])).size}/${oracle.stored.length} messages match Dovecot exactly`);
  assert.equal(mismatches.length, 0, `${mismatches.length} mismatches:\n${mismatches.join('\n')}`);
});

test('small chunks give the same answer as one chunk', () => {
  for (const message of corpus) {
    const whole = scan(message.bytes, Math.max(message.bytes.length, 1));
    for (const size of [1, 7, 64]) assert.deepEqual(scan(message.bytes, size), whole, `${message.name} in ${size}-byte chunks`);
  }
});

function show(text: string | undefined): string {
  return text === undefined ? '(missing)' : JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…` : text);
}
