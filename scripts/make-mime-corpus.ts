// Writes the MIME corpus (test/corpus/mime/*.eml) from the catalogues in test/corpus/generate/.
// The .eml files are the committed fixtures; run `npx tsx scripts/make-mime-corpus.ts` after editing a catalogue.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headerMessages } from '../test/corpus/generate/headers.ts';
import { structureMessages } from '../test/corpus/generate/structure.ts';
import { malformedMessages } from '../test/corpus/generate/malformed.ts';
import { edgeMessages } from '../test/corpus/generate/edges.ts';

const dir = join(import.meta.dirname, '..', 'test', 'corpus', 'mime');
const all: Record<string, Buffer> = { ...headerMessages, ...structureMessages, ...malformedMessages, ...edgeMessages };

mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) {
  if (file.endsWith('.eml') && !(file.slice(0, -4) in all)) rmSync(join(dir, file));
}
for (const [name, bytes] of Object.entries(all)) writeFileSync(join(dir, `${name}.eml`), bytes);
console.log(`${Object.keys(all).length} messages in ${dir}`);
