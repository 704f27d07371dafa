// The four copy paths of the issue over a mailbox with hostile folder names (non-ASCII, "&", dots, 3-deep
// nesting) and the malformed MIME corpus: Dovecot → Dovecot (a "/" server to a Courier-style "INBOX." server),
// Dovecot → local, local → Dovecot, Maildir → Dovecot. Every message arrives once, with its bytes (as IMAP
// serves them), flags, keywords and INTERNALDATE; --verify agrees; a rerun copies nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import {
  ACCOUNT, asImapServes, expectedFingerprint, fillImap, fillLocal, fillMaildir, fingerprint, HOSTILE_FOLDERS, imapUrl, MAILDIR_FOLDERS,
  readImap, readLocal, sampleMailbox, sha256, startMailServer, tempStore, type TempStore,
} from './fixtures.ts';
import { runSync } from './run-sync.ts';
import type { TransferReport } from '../../src/transfer/report.ts';

let slash: DovecotInstance;
let dotted: DovecotInstance;
let temp: TempStore;

before(async () => {
  [slash, dotted] = await Promise.all([startMailServer('slash'), startMailServer('inbox-dot')]);
  temp = await tempStore();
});
after(async () => {
  await temp?.close();
  await Promise.all([slash?.stop(), dotted?.stop()]);
});

function assertClean(report: TransferReport): void {
  assert.deepEqual(report.failures, [], 'no failures');
  for (const folder of report.verify ?? []) {
    assert.equal(folder.missing + folder.extra + folder.mismatched, 0, `verify ${folder.folder}: ${folder.details.join('; ')}`);
  }
}

/** "INBOX.Projects.Alpha.2024" → "Projects/Alpha/2024"; the mapped special and normalised names back to the source's. */
function fromDotted(name: string): string {
  const renamed: Record<string, string> = { 'INBOX.Sent Items': 'Sent', 'INBOX.v1_2 release': 'v1.2 release' };
  return renamed[name] ?? (name === 'INBOX' ? name : name.replace(/^INBOX\./, '').split('.').join('/'));
}

async function assertRerunCopiesNothing(source: string, dest: string): Promise<void> {
  const again = await runSync(temp.store, source, dest);
  assert.deepEqual(again.failures, []);
  assert.equal(again.folders.reduce((sum, f) => sum + f.copied, 0), 0, 'a rerun with nothing new copies nothing');
}

test('Dovecot → Dovecot ("/" server to an INBOX.-prefixed "." server)', { timeout: 60_000 }, async () => {
  const messages = sampleMailbox(HOSTILE_FOLDERS);
  await fillImap(slash, messages);
  const report = await runSync(temp.store, imapUrl(slash), imapUrl(dotted), { verify: true });
  assertClean(report);
  assert.equal(report.folders.find((f) => f.folder === 'Sent')!.dest, 'INBOX.Sent Items', 'Sent lands in the destination\'s \\Sent folder');
  assert.equal(report.folders.find((f) => f.folder === 'v1.2 release')!.dest, 'INBOX.v1_2 release', 'a dot inside a name is normalised');
  assert.deepEqual(fingerprint(await readImap(dotted), fromDotted), expectedFingerprint(messages, (f) => f, asImapServes));
  const again = await runSync(temp.store, imapUrl(slash), imapUrl(dotted));
  assert.ok(again.folders.every((f) => f.outcome === 'unchanged'), 'CONDSTORE: unchanged folders are not even listed');
});

test('Dovecot → local: the store holds exactly the bytes Dovecot serves', { timeout: 60_000 }, async () => {
  const local = `local:${ACCOUNT}`;
  const report = await runSync(temp.store, imapUrl(slash), local, { verify: true });
  assertClean(report);
  const messages = sampleMailbox(HOSTILE_FOLDERS);
  assert.deepEqual(fingerprint(await readLocal(temp.store)), expectedFingerprint(messages, (f) => f, asImapServes));
  await assertRerunCopiesNothing(imapUrl(slash), local);
});

test('local → Dovecot: NUL and bare LF arrive as IMAP serves them, counted as rewritten, not mismatched', { timeout: 60_000 }, async () => {
  const source = await tempStore();
  try {
    const messages = sampleMailbox(HOSTILE_FOLDERS);
    await fillLocal(source.store, messages);
    const target = await startMailServer('slash', [{ user: 'bob', password: 'pw-bob' }]);
    try {
      const dest = imapUrl(target, 'bob');
      const report = await runSync(source.store, `local:${ACCOUNT}`, dest, { verify: true }, { [dest]: 'pw-bob' });
      assertClean(report);
      const rewritten = messages.filter((m) => sha256(asImapServes(m.bytes)) !== sha256(m.bytes)).length;
      assert.ok(rewritten > 0, 'the corpus has bare-LF and NUL messages');
      assert.equal(report.verify!.reduce((sum, f) => sum + f.rewritten, 0), rewritten);
      assert.deepEqual(fingerprint(await readImap(target, 'bob', 'pw-bob')), expectedFingerprint(messages, (f) => f, asImapServes));
    } finally {
      await target.stop();
    }
  } finally {
    await source.close();
  }
});

test('Maildir → Dovecot', { timeout: 60_000 }, async () => {
  const messages = sampleMailbox(MAILDIR_FOLDERS);
  const root = join(temp.dir, 'maildir');
  await fillMaildir(root, messages);
  const target = await startMailServer('slash', [{ user: 'carol', password: 'pw-carol' }]);
  try {
    const dest = imapUrl(target, 'carol');
    const report = await runSync(temp.store, `maildir:${root}`, dest, { verify: true }, { [dest]: 'pw-carol' });
    assertClean(report);
    assert.deepEqual(fingerprint(await readImap(target, 'carol', 'pw-carol')), expectedFingerprint(messages, (f) => f, asImapServes));
    const again = await runSync(temp.store, `maildir:${root}`, dest, {}, { [dest]: 'pw-carol' });
    assert.equal(again.folders.reduce((sum, f) => sum + f.copied, 0), 0);
  } finally {
    await target.stop();
  }
});
