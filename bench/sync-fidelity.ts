// Fidelity of a tool's copy, read back over IMAP from both accounts: every source message (the corpus gives
// each a unique Message-ID) must be at the destination once, with the same bytes (sha256 of BODY[]) and every
// custom keyword it had. mbsync, for one, adds an X-TUID header to each message and drops custom keywords.
import { createHash } from 'node:crypto';
import { ImapClient } from '../src/imap/client/client.ts';
import { ImapClientError } from '../src/imap/client/errors.ts';
import type { DovecotInstance } from '../test/helpers/dovecot.ts';
import { BENCH_PASSWORD, BENCH_USER } from './sync-peers.ts';

export interface Fidelity {
  missing: number;
  duplicated: number;
  keywordLoss: number;
  bytesChanged: number;
}

interface Held {
  sha256: string;
  keywords: Set<string>;
}

const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]*>)/im;

async function holdings(server: DovecotInstance): Promise<Map<string, Held[]>> {
  const client = await ImapClient.connect({
    host: '127.0.0.1', port: server.imapPort, security: 'none', allowPlaintextAuth: true, auth: { user: BENCH_USER, password: BENCH_PASSWORD },
  });
  const byId = new Map<string, Held[]>();
  try {
    for (const mailbox of await client.list()) {
      if (!mailbox.selectable) continue;
      // `doveadm backup` deletes a parent folder the source has only implicitly; Dovecot may still list it
      const selected = await client.select(mailbox.name, { readOnly: true }).catch((error: unknown) => {
        if (error instanceof ImapClientError && (error.responseCode === 'NONEXISTENT' || /doesn't exist/i.test(error.serverText ?? ''))) return null;
        throw error;
      });
      if (selected === null || selected.exists === 0) continue;
      for await (const message of client.fetchBodies('1:*')) {
        const bytes = await message.body.buffer();
        const header = bytes.subarray(0, Math.max(0, bytes.indexOf('\r\n\r\n')) || 4096).toString('latin1');
        const id = MESSAGE_ID.exec(header)?.[1] ?? `(none ${mailbox.name} ${message.uid})`;
        const list = byId.get(id) ?? [];
        list.push({ sha256: createHash('sha256').update(bytes).digest('hex'), keywords: new Set(message.flags.filter((f) => !f.startsWith('\\')).map((f) => f.toLowerCase())) });
        byId.set(id, list);
      }
    }
  } finally {
    await client.logout();
  }
  return byId;
}

export async function fidelity(source: DovecotInstance, dest: DovecotInstance): Promise<Fidelity> {
  const [from, to] = await Promise.all([holdings(source), holdings(dest)]);
  const result: Fidelity = { missing: 0, duplicated: 0, keywordLoss: 0, bytesChanged: 0 };
  for (const [id, originals] of from) {
    const copies = to.get(id) ?? [];
    if (copies.length < originals.length) result.missing += originals.length - copies.length;
    if (copies.length > originals.length) result.duplicated += copies.length - originals.length;
    originals.forEach((original, index) => {
      const copy = copies.find((candidate) => candidate.sha256 === original.sha256) ?? copies[index];
      if (!copy) return;
      if (copy.sha256 !== original.sha256) result.bytesChanged++;
      if ([...original.keywords].some((keyword) => !copy.keywords.has(keyword))) result.keywordLoss++;
    });
  }
  return result;
}
