// Deterministic mutations of corpus messages: the kind of damage real mail shows (cut lines, stray CR/LF,
// NUL, doubled dashes, duplicated boundary lines, truncation), for tests that must hold on any input.
import { pseudoRandom } from '../corpus/generate/build.ts';
import type { CorpusMessage } from './corpus.ts';

const INSERTS = ['\r', '\n', '\r\n', '\0', '--', ':', ' ', '\t', '"', '(', ';', '=', '\r\n\r\n', '\r\n--', '\xff'];

export function mutate(messages: CorpusMessage[], count: number, seed = 20251123): CorpusMessage[] {
  const random = pseudoRandom(count * 64, seed);
  let r = 0;
  const next = (n: number) => ((random[r++ % random.length] << 8) | random[r++ % random.length]) % Math.max(n, 1);
  const out: CorpusMessage[] = [];
  for (let i = 0; i < count; i++) {
    const source = messages[next(messages.length)];
    let bytes = Buffer.from(source.bytes);
    const edits = 1 + next(4);
    for (let e = 0; e < edits && bytes.length > 0; e++) {
      const at = next(Math.min(bytes.length, 4096));
      const kind = next(4);
      if (kind === 0) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(INSERTS[next(INSERTS.length)], 'latin1'), bytes.subarray(at)]);
      else if (kind === 1) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + next(40))]);
      else if (kind === 2) bytes = bytes.subarray(0, Math.max(1, bytes.length - next(200)));
      else {
        const lineStart = bytes.lastIndexOf(0x0a, at) + 1;
        const lineEnd = bytes.indexOf(0x0a, at);
        const line = bytes.subarray(lineStart, lineEnd < 0 ? bytes.length : lineEnd + 1);
        bytes = Buffer.concat([bytes.subarray(0, lineStart), line, bytes.subarray(lineStart)]);
      }
    }
    out.push({ name: `fuzz-${i}-${source.name}`, bytes });
  }
  return out;
}
