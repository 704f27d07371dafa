// Child process of crash.test.ts: ingests messages in a loop (single and batched, small and spilled to a
// temporary file) until the parent kills it with SIGKILL. Message i has the bytes crashMessage(i).
import { openStore } from '../../src/store/open.ts';
import { IngestBatch } from '../../src/store/ingest-batch.ts';
import { ingestMessage } from '../../src/store/ingest.ts';
import { crashMessage, CRASH_PAIR } from './crash-messages.ts';

const [dataDir, folderArg, startArg] = process.argv.slice(2);
const folderId = Number(folderArg);
const store = await openStore({ dataDir: dataDir!, blobGraceMs: 0 });
process.stdout.write('ready\n');
let i = Number(startArg);
for (;;) {
  if (i % 20 < 10) {
    const ledger = { pair: CRASH_PAIR, source: String(i) };
    if (!(await store.ledgerHas(ledger))) await ingestMessage(store, folderId, crashMessage(i), { ledger, flags: i % 2 ? ['\\Seen'] : [] });
    i++;
  } else {
    const batch = new IngestBatch(store);
    for (let k = 0; k < 10; k++, i++) await batch.add(folderId, crashMessage(i), { ledger: { pair: CRASH_PAIR, source: String(i) } });
    await batch.flush();
  }
  if (i % 25 === 0) {
    // Expunges run too, so a kill can also land inside one (and inside its blob garbage collection).
    const victims = (await store.listMessages(folderId, { uidFrom: 1 })).filter((m) => m.uid % 5 === 0).map((m) => m.uid);
    await store.expunge(folderId, victims);
  }
  process.stdout.write(`${i}\n`);
}
