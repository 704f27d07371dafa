// The deterministic messages of the crash test: message i's bytes depend only on i.
import { createHash } from 'node:crypto';

export const CRASH_PAIR = 'crash-test';

export function crashMessage(i: number): Buffer {
  // every 7th message is larger than the in-memory limit of the blob writer, so it goes through a temp file
  const filler = i % 7 === 0 ? 'x'.repeat(300_000) : `short body ${i}`;
  // every 3rd message repeats an earlier one's bytes: dedupe of blobs happens under the kill too
  const n = i % 3 === 0 ? Math.floor(i / 2) : i;
  return Buffer.from(`Message-ID: <crash-${n}@example.org>\r\nSubject: crash ${n}\r\n\r\n${filler}\r\n`);
}

export function crashDigest(i: number): string {
  return createHash('sha256').update(crashMessage(i)).digest('hex');
}
