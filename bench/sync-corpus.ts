// The sync benchmark's mailbox, generated once and cached under .bench/ (corpus.json, written last, marks a
// complete one): 10,000 messages of a realistic 2 KB – 2 MB mix in 5 folders, with flags and custom keywords,
// as a Maildir++ tree that is copied into the source Dovecot's mail directory. A second corpus holds one
// 100 MB message among small ones, for the memory row.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeMessage, realisticSize } from '../test/import/maildir-corpus.ts';

export interface SyncCorpus {
  root: string;
  messages: number;
  bytes: number;
  /** messages carrying at least one custom keyword */
  withKeywords: number;
}

/** [folder name, Maildir++ directory, share of the messages] */
const FOLDERS: Array<[string, string, number]> = [
  ['INBOX', '', 0.4], ['Sent', '.Sent', 0.2], ['Archive/2023', '.Archive.2023', 0.15], ['Lists/dev', '.Lists.dev', 0.15], ['Entwürfe', '.Entw&APw-rfe', 0.1],
];
/** keyword letters a–c as dovecot-keywords numbers them */
const KEYWORDS = ['$Label1', 'Work', '$Forwarded'];
const FLAG_SETS = ['S', 'RS', '', 'Sa', 'FSb', 'S', 'Sac', 'DS', 'PSc', 'S'];

function folderOf(index: number): [string, string] {
  let draw = (index * 0.6180339887) % 1;
  for (const [name, directory, share] of FOLDERS) {
    if (draw < share) return [name, directory];
    draw -= share;
  }
  return [FOLDERS[0]![0], FOLDERS[0]![1]];
}

async function generate(root: string, count: number, size: (index: number) => number): Promise<Omit<SyncCorpus, 'root'>> {
  for (const [, directory] of FOLDERS) {
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, directory, sub), { recursive: true });
    await writeFile(join(root, directory, 'dovecot-keywords'), KEYWORDS.map((keyword, i) => `${i} ${keyword}\n`).join(''));
    if (directory !== '') await writeFile(join(root, directory, 'maildirfolder'), '');
  }
  let bytes = 0;
  let withKeywords = 0;
  for (let index = 0; index < count; index++) {
    const [, directory] = folderOf(index);
    const message = makeMessage(index, size(index));
    const flags = FLAG_SETS[index % FLAG_SETS.length]!;
    if (/[a-z]/.test(flags)) withKeywords++;
    const path = join(root, directory, 'cur', `${1_700_000_000 + index}.M${index}P1.bench,S=${message.length}:2,${flags}`);
    await writeFile(path, message);
    const date = new Date(Date.UTC(2023, 0, 1) + index * 60_000);
    await utimes(path, date, date);
    bytes += message.length;
  }
  return { messages: count, bytes, withKeywords };
}

async function cached(root: string, build: () => Promise<Omit<SyncCorpus, 'root'>>): Promise<SyncCorpus> {
  const marker = join(root, 'corpus.json');
  if (existsSync(marker)) return { root, ...(JSON.parse(await readFile(marker, 'utf8')) as Omit<SyncCorpus, 'root'>) };
  await rm(root, { recursive: true, force: true });
  process.stderr.write(`generating ${root} (once)…\n`);
  const totals = await build();
  await writeFile(marker, JSON.stringify(totals));
  return { root, ...totals };
}

export function syncCorpus(benchDir: string, count = 10_000): Promise<SyncCorpus> {
  const root = join(benchDir, `sync-corpus-${count}`);
  return cached(root, () => generate(root, count, () => realisticSize()));
}

/** 50 small messages and one of 100 MB. */
export function bigMessageCorpus(benchDir: string): Promise<SyncCorpus> {
  const root = join(benchDir, 'sync-corpus-100mb');
  return cached(root, () => generate(root, 51, (index) => (index === 25 ? 100 * 1024 * 1024 : 5_000)));
}
