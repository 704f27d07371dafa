// The MIME corpus and a private Dovecot loaded with it, shared by the oracle and offset tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.ts';
import { RawImap } from '../helpers/raw-imap.ts';
import { parseFetchResponse } from '../helpers/fetch-items.ts';
import { MimeScanner } from '../../src/mime/scanner.ts';
import type { MimeInfo } from '../../src/mime/types.ts';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'corpus', 'mime');

export interface CorpusMessage {
  name: string;
  bytes: Buffer;
}

export function loadCorpus(): CorpusMessage[] {
  return readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => ({ name: file.slice(0, -4), bytes: readFileSync(join(CORPUS_DIR, file)) }));
}

/** Scans a message fed in chunks of `chunkSize` bytes (small chunks exercise every split point). */
export function scan(bytes: Buffer, chunkSize = 64 * 1024): MimeInfo {
  const scanner = new MimeScanner();
  for (let pos = 0; pos < bytes.length; pos += chunkSize) scanner.push(bytes.subarray(pos, pos + chunkSize));
  return scanner.finish();
}

export interface LoadedDovecot {
  dovecot: DovecotInstance;
  imap: RawImap;
  /** messages Dovecot stored, in sequence-number order (seq = index + 1) */
  stored: CorpusMessage[];
  /** messages Dovecot refused to store, with its reason */
  refused: Array<{ name: string; reason: string }>;
  /** FETCH one message and return its items' raw values */
  fetch(seq: number, items: string): Promise<Map<string, Buffer>>;
  close(): Promise<void>;
}

export async function dovecotWithCorpus(messages: CorpusMessage[]): Promise<LoadedDovecot> {
  const dovecot = await startDovecot({ users: [{ user: 'oracle', password: 'oracle-pw' }] });
  let imap: RawImap | undefined;
  try {
    imap = await RawImap.connect(dovecot.imapPort);
    await imap.login('oracle', 'oracle-pw');
    const stored: CorpusMessage[] = [];
    const refused: Array<{ name: string; reason: string }> = [];
    for (const message of messages) {
      const reply = await imap.append('INBOX', message.bytes);
      if (reply.status === 'OK') stored.push(message);
      else refused.push({ name: message.name, reason: reply.tagged });
    }
    const selected = await imap.command('SELECT INBOX');
    if (selected.status !== 'OK') throw new Error(`SELECT failed: ${selected.tagged}`);
    const client = imap;
    return {
      dovecot, imap, stored, refused,
      async fetch(seq, items) {
        const reply = await client.command(`FETCH ${seq} (${items})`);
        if (reply.status !== 'OK') throw new Error(`FETCH ${seq} failed: ${reply.tagged}`);
        const response = reply.untagged.map(parseFetchResponse).find((r) => r.seq === seq);
        if (!response) throw new Error(`no FETCH response for ${seq}`);
        return response.items;
      },
      async close() {
        await client.logout();
        await dovecot.stop();
      },
    };
  } catch (err) {
    await imap?.logout();
    await dovecot.stop();
    throw err;
  }
}
