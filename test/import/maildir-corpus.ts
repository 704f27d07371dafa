// Generates a Maildir++ tree of realistic messages for the crash test and the import benchmark: most small
// text mails, a long tail of big attachments (2 KB – 2 MB), a few folders, flags, CRLF and bare-LF mails.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CorpusMessage {
  folder: string;
  /** path relative to the Maildir root */
  path: string;
  size: number;
  sha256: string;
}

export interface CorpusOptions {
  count: number;
  /** picks a message size in bytes; the default mimics a mailbox (see realisticSize) */
  size?: (index: number) => number;
}

const FOLDERS: Array<[folder: string, directory: string]> = [
  ['INBOX', ''], ['Sent', '.Sent'], ['Archive/2023', '.Archive.2023'], ['Entwürfe', '.Entw&APw-rfe'],
];
const FLAG_SETS = ['', 'S', 'RS', 'FS', 'S', 'PS', 'DS'];

function uniformBetween(low: number, high: number): number {
  return Math.floor(low + Math.random() * (high - low));
}

/** 75 % 2–10 KB, 18 % 10–100 KB, 6 % 100–500 KB, 1 % 0.5–2 MB: about 45 KB on average. */
export function realisticSize(): number {
  const draw = Math.random();
  if (draw < 0.75) return uniformBetween(2_000, 10_000);
  if (draw < 0.93) return uniformBetween(10_000, 100_000);
  if (draw < 0.99) return uniformBetween(100_000, 500_000);
  return uniformBetween(500_000, 2_000_000);
}

/** `bytes` characters of base64 text (of random data), in 76-character lines. */
function base64Lines(bytes: number, eol: string): string {
  const text = randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += 76) lines.push(text.slice(at, at + 76));
  return lines.join(eol);
}

/** One message of about `size` bytes: text for small ones, a base64 attachment for big ones. */
export function makeMessage(index: number, size: number): Buffer {
  const eol = index % 10 === 3 ? '\n' : '\r\n';
  const header = [
    `Message-ID: <corpus-${index}-${randomBytes(6).toString('hex')}@example.org>`,
    `Date: ${new Date(Date.UTC(2023, 0, 1) + index * 60_000).toUTCString()}`,
    `From: Sender ${index % 97} <sender${index % 97}@example.org>`,
    'To: alice@example.org',
    `Subject: corpus message ${index}`,
    'MIME-Version: 1.0',
  ];
  const text = `Hello,${eol}${eol}this is message ${index}.${eol}From here on it is filler.${eol}`;
  if (size < 20_000) {
    const filler = 'lorem ipsum dolor sit amet '.repeat(Math.max(1, Math.floor((size - 400) / 27)));
    const wrapped = filler.replace(/(.{1,72})(\s|$)/g, `$1${eol}`);
    return Buffer.from([...header, 'Content-Type: text/plain; charset=us-ascii', '', text + wrapped].join(eol));
  }
  const boundary = `b${index}`;
  return Buffer.from([
    ...header,
    `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
    `--${boundary}`, 'Content-Type: text/plain; charset=us-ascii', '', text,
    `--${boundary}`, 'Content-Type: application/octet-stream; name="data.bin"', 'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="data.bin"', '', base64Lines(Math.floor(size * 0.97), eol),
    `--${boundary}--`, '',
  ].join(eol));
}

/** Writes the corpus (plain writes: it is test input, not a durability test) and lists what it wrote. */
export async function generateMaildir(root: string, options: CorpusOptions): Promise<CorpusMessage[]> {
  for (const [, directory] of FOLDERS) {
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, directory, sub), { recursive: true });
  }
  const written: CorpusMessage[] = [];
  for (let index = 0; index < options.count; index++) {
    const [folder, directory] = FOLDERS[index % 7 < 4 ? 0 : (index % FOLDERS.length)]!;
    const bytes = makeMessage(index, options.size ? options.size(index) : realisticSize());
    const flags = FLAG_SETS[index % FLAG_SETS.length]!;
    const unique = `${1_700_000_000 + index}.M${index}P1.corpus,S=${bytes.length}`;
    const inNew = flags === '' && index % 2 === 0;
    const path = join(directory, inNew ? 'new' : 'cur', inNew ? unique : `${unique}:2,${flags}`);
    await writeFile(join(root, path), bytes);
    const date = new Date(Date.UTC(2023, 0, 1) + index * 60_000);
    await utimes(join(root, path), date, date);
    written.push({ folder, path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return written;
}
