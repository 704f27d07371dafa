// The transfer ledger in the store: folder state, entries (also written by a local append in its own
// transaction), flag updates, pending appends settled together with their entries, re-match replacement.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ingestMessage } from '../../src/store/ingest.ts';
import { ledgerSourceKey, type PendingAppend, type TransferEntry } from '../../src/store/transfer-ledger.ts';
import { openStoreWithAccount } from '../store/temp-store.ts';

let fixture: Awaited<ReturnType<typeof openStoreWithAccount>>;
const PAIR = 'sync:imap://a@x:143=>imap://b@y:143';

before(async () => {
  fixture = await openStoreWithAccount();
});
after(async () => fixture.cleanup());

const entry = (sourceId: string, extra: Partial<TransferEntry> = {}): TransferEntry => ({
  folder: 'INBOX', sourceId, destId: `d${sourceId}`, size: 10, sha256: 'a'.repeat(64), messageId: `<${sourceId}@x>`, flags: ['\\Seen'], ...extra,
});

test('folder state round-trips and is replaced on save', async () => {
  const ledger = fixture.store.transferLedger;
  assert.equal(await ledger.folderState(PAIR, 'INBOX'), undefined);
  const state = {
    folder: 'INBOX', destFolder: 'INBOX', sourceUidValidity: 7, destUidValidity: 9, sourceModseq: 100, destModseq: null,
    sourceUidNext: 12, destUidNext: 30,
  };
  await ledger.saveFolderState(PAIR, state);
  assert.deepEqual(await ledger.folderState(PAIR, 'INBOX'), state);
  await ledger.saveFolderState(PAIR, { ...state, sourceModseq: 101 });
  assert.equal((await ledger.folderState(PAIR, 'INBOX'))!.sourceModseq, 101);
});

test('pending appends are settled in the same transaction that records their entries', async () => {
  const ledger = fixture.store.transferLedger;
  const pending: PendingAppend[] = ['1', '2'].map((originId) => ({
    folder: 'Sent', direction: 'forward', originId, size: 10, sha256: 'b'.repeat(64), messageId: null, flags: [], targetUidNext: 5,
  }));
  await ledger.addPending(PAIR, pending);
  assert.deepEqual((await ledger.pending(PAIR, 'Sent')).map((p) => p.originId), ['1', '2']);
  await ledger.record(PAIR, [entry('1', { folder: 'Sent' })], [pending[0]!]);
  assert.deepEqual((await ledger.pending(PAIR, 'Sent')).map((p) => p.originId), ['2']);
  assert.deepEqual((await ledger.entries(PAIR, 'Sent')).map((e) => e.sourceId), ['1']);
  await ledger.settlePending(PAIR, [pending[1]!]);
  assert.deepEqual(await ledger.pending(PAIR, 'Sent'), []);
});

test('entries: record replaces by key, flags update, remove and replaceFolder', async () => {
  const ledger = fixture.store.transferLedger;
  await ledger.record(PAIR, [entry('1'), entry('2'), entry('3', { messageId: null, destId: null })]);
  await ledger.record(PAIR, [entry('2', { destId: 'd22' })]);
  await ledger.updateFlags(PAIR, 'INBOX', [{ sourceId: '1', flags: ['\\Answered', '$Label1'] }]);
  await ledger.remove(PAIR, 'INBOX', ['3']);
  const byId = new Map((await ledger.entries(PAIR, 'INBOX')).map((e) => [e.sourceId, e]));
  assert.deepEqual([...byId.keys()].sort(), ['1', '2']);
  assert.deepEqual(byId.get('1')!.flags, ['\\Answered', '$Label1']);
  assert.equal(byId.get('2')!.destId, 'd22');
  await ledger.replaceFolder(PAIR, 'INBOX', [entry('9')]);
  assert.deepEqual((await ledger.entries(PAIR, 'INBOX')).map((e) => e.sourceId), ['9']);
  assert.ok(await fixture.store.ledgerHas({ pair: PAIR, source: ledgerSourceKey('INBOX', '9') }));
});

test('a local append writes the full entry in its own transaction', async () => {
  const pair = 'sync:imap://a@x:143=>local:alice@example.org';
  const transfer = entry('41', { destId: null, size: 0, sha256: '' });
  const message = await ingestMessage(fixture.store, fixture.inbox.id, Buffer.from('Subject: x\r\n\r\nbody\r\n'), {
    flags: ['\\Seen'], ledger: { pair, source: ledgerSourceKey('INBOX', '41'), transfer },
  });
  const [stored] = await fixture.store.transferLedger.entries(pair, 'INBOX');
  assert.equal(stored!.destId, String(message.uid), 'the destination identity defaults to the new UID');
  assert.equal(stored!.messageId, '<41@x>');
  await fixture.store.transferLedger.forgetPair(pair);
  assert.deepEqual(await fixture.store.transferLedger.entries(pair, 'INBOX'), []);
});
