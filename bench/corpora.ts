// The benchmark's Maildir corpora, generated once and cached in .bench/ (a corpus.json written last marks a
// complete one): 10,000 messages of a realistic size mix, and a few very big messages streamed to disk.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateMaildir } from '../test/import/maildir-corpus.ts';

export interface Corpus {
  name: string;
  root: string;
  messages: number;
  bytes: number;
}

async function cached(root: string, name: string, build: () => Promise<{ messages: number; bytes: number }>): Promise<Corpus> {
  const marker = join(root, 'corpus.json');
  if (existsSync(marker)) return JSON.parse(await readFile(marker, 'utf8')) as Corpus;
  await rm(root, { recursive: true, force: true });
  process.stderr.write(`generating ${name} in ${root} (once)…\n`);
  const totals = await build();
  const corpus: Corpus = { name, root, ...totals };
  await writeFile(marker, JSON.stringify(corpus));
  return corpus;
}

export function realisticCorpus(benchDir: string, count = 10_000): Promise<Corpus> {
  const root = join(benchDir, `maildir-${count}`);
  return cached(root, `${count} messages, 2 KB – 2 MB`, async () => {
    const written = await generateMaildir(root, { count });
    return { messages: written.length, bytes: written.reduce((sum, message) => sum + message.size, 0) };
  });
}

/** A message of `size` bytes with one base64 attachment, written 1 MB at a time (the generator stays small too). */
async function writeBigMessage(path: string, index: number, size: number): Promise<number> {
  const handle = await open(path, 'w');
  let written = 0;
  const put = async (text: string) => {
    await handle.write(text);
    written += Buffer.byteLength(text);
  };
  try {
    await put(`Message-ID: <big-${index}@example.org>\r\nSubject: big ${index}\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: multipart/mixed; boundary="big"\r\n\r\n--big\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n` +
      `--big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n`);
    while (written < size - 100) {
      const text = randomBytes(57 * 16_384).toString('base64');
      const lines: string[] = [];
      for (let at = 0; at < text.length; at += 76) lines.push(text.slice(at, at + 76));
      await put(lines.join('\r\n') + '\r\n');
    }
    await put('--big--\r\n');
  } finally {
    await handle.close();
  }
  return written;
}

export function bigCorpus(benchDir: string, count = 10, megabytes = 100): Promise<Corpus> {
  const root = join(benchDir, `maildir-big-${count}x${megabytes}mb`);
  return cached(root, `${count} messages of ${megabytes} MB`, async () => {
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, sub), { recursive: true });
    let bytes = 0;
    for (let index = 0; index < count; index++) {
      const temporary = join(root, 'tmp', `big-${index}`);
      const size = await writeBigMessage(temporary, index, megabytes * 1024 * 1024);
      const path = join(root, 'cur', `${1_700_000_000 + index}.M${index}P1.big,S=${size}:2,S`);
      await rename(temporary, path);
      await utimes(path, new Date(Date.UTC(2024, 0, 1 + index)), new Date(Date.UTC(2024, 0, 1 + index)));
      bytes += size;
    }
    return { messages: count, bytes };
  });
}

/** Nothing to import: the row shows what the importer process costs before any message. */
export function emptyCorpus(benchDir: string): Promise<Corpus> {
  const root = join(benchDir, 'maildir-empty');
  return cached(root, 'empty Maildir (start-up only)', async () => {
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, sub), { recursive: true });
    return { messages: 0, bytes: 0 };
  });
}
