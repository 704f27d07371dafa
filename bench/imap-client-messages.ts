// The bench corpus, generated on demand so no process holds it whole: message i is always the same bytes
// (sizes log-uniform between 2 KB and 200 KB, text lines with CRLF), and its sha256 can be recomputed anywhere.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { LiteralStreamSource } from '../src/imap/client/command-encoding.ts';

export const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
/** the bounded-memory rows: a few very large messages */
export const LARGE_COUNT = 3;
export const LARGE_SIZE = Number(process.env.BENCH_LARGE_MB ?? 100) * 1024 * 1024;
const MIN = 2 * 1024;
const MAX = 200 * 1024;

/** xorshift32 seeded by the index: deterministic, no state between messages */
function random(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

const LINE = 78; // 76 printable characters + CRLF
/** 300 KB of random text lines, made once; message bodies are slices of it (fast, no per-byte work later) */
const POOL = (() => {
  const next = random(42);
  const pool = Buffer.alloc(Math.ceil((MAX + 100 * 1024) / LINE) * LINE);
  for (let at = 0; at < pool.length; at += LINE) {
    for (let i = at; i < at + LINE - 2; i++) pool[i] = 0x21 + Math.floor(next() * 90);
    pool[at + LINE - 2] = 0x0d;
    pool[at + LINE - 1] = 0x0a;
  }
  return pool;
})();

function header(index: number): Buffer {
  return Buffer.from(`From: Sender ${index} <sender${index}@example.org>\r\nTo: bench@example.org\r\n` +
    `Subject: bench message ${index}\r\nMessage-ID: <bench-${index}@example.org>\r\n` +
    `Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n`);
}

function bodyLines(index: number): number {
  const target = Math.round(MIN * Math.pow(MAX / MIN, random(index + 1)()));
  return Math.max(1, Math.round((target - header(index).length) / LINE));
}

export function messageSize(index: number): number {
  return header(index).length + bodyLines(index) * LINE;
}

export function messageBytes(index: number): Buffer {
  const offset = ((index * 7919) % 1000) * LINE;
  return Buffer.concat([header(index), POOL.subarray(offset, offset + bodyLines(index) * LINE)]);
}

export function messageSource(index: number): LiteralStreamSource {
  return { size: messageSize(index), open: () => Readable.from([messageBytes(index)]) };
}

export function messageDigest(index: number): string {
  return createHash('sha256').update(messageBytes(index)).digest('hex');
}

/** A large message (e.g. 100 MB) produced in 64 KB chunks: never whole in memory. */
export function largeSource(index: number, size: number): LiteralStreamSource {
  return { size, open: () => Readable.from(largeChunks(index, size)) };
}

function* largeChunks(index: number, size: number): Generator<Buffer> {
  const head = header(1_000_000 + index);
  yield head;
  const chunk = POOL.subarray(0, Math.floor((64 * 1024) / LINE) * LINE);
  let left = size - head.length;
  while (left > 0) {
    const part = left >= chunk.length ? chunk : chunk.subarray(chunk.length - left);
    left -= part.length;
    yield part;
  }
}

export function largeDigest(index: number, size: number): string {
  const hash = createHash('sha256');
  for (const chunk of largeChunks(index, size)) hash.update(chunk);
  return hash.digest('hex');
}
