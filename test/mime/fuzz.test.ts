// Mutated corpus messages: the scanner never throws, its offsets nest properly, and a Dovecot loaded with
// 300 of them still answers exactly what we compute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBodyStructure, formatEnvelope } from '../../src/mime/imap-format.ts';
import type { BodyStructure } from '../../src/mime/types.ts';
import { dovecotWithCorpus, loadCorpus, scan } from './corpus.ts';
import { mutate } from './fuzz.ts';

const corpus = loadCorpus().filter((m) => m.bytes.length < 200_000);

test('1000 mutated messages scan without error and with nested, in-range offsets', () => {
  for (const message of mutate(corpus, 1000, 7)) {
    const info = scan(message.bytes, 4096);
    formatEnvelope(info.envelope);
    formatBodyStructure(info.body, { extensible: true });
    checkOffsets(info.body, 0, message.bytes.length, message.name);
  }
});

test('300 mutated messages: ENVELOPE and BODYSTRUCTURE equal Dovecot', async () => {
  const oracle = await dovecotWithCorpus(mutate(corpus, 300, 11));
  try {
    const mismatches: string[] = [];
    for (const [index, message] of oracle.stored.entries()) {
      const items = await oracle.fetch(index + 1, 'ENVELOPE BODYSTRUCTURE');
      const info = scan(message.bytes);
      if (items.get('ENVELOPE')?.toString('latin1') !== formatEnvelope(info.envelope)) mismatches.push(`${message.name} ENVELOPE`);
      if (items.get('BODYSTRUCTURE')?.toString('latin1') !== formatBodyStructure(info.body, { extensible: true })) {
        mismatches.push(`${message.name} BODYSTRUCTURE`);
      }
    }
    console.log(`fuzz oracle: ${oracle.stored.length * 2 - mismatches.length}/${oracle.stored.length * 2} items match Dovecot`);
    assert.deepEqual(mismatches, []);
  } finally {
    await oracle.close();
  }
});

function checkOffsets(body: BodyStructure, start: number, end: number, name: string): void {
  const { headerStart, bodyStart, bodyEnd } = body.offsets;
  assert.ok(start <= headerStart && headerStart <= bodyStart && bodyStart <= bodyEnd && bodyEnd <= end,
    `${name}: ${JSON.stringify(body.offsets)} outside ${start}..${end}`);
  let previous = bodyStart;
  for (const child of body.children ?? []) {
    checkOffsets(child, previous, bodyEnd, name);
    previous = child.offsets.bodyEnd;
  }
  if (body.message) checkOffsets(body.message.body, bodyStart, bodyEnd, name);
}
