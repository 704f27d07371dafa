// Runs one poll in its own process for the crash test, and stops dead at a chosen point so the parent can
// kill -9 it exactly there: 'append' — messages fetched and their blobs written, the transaction not yet
// committed; 'registry' — delivered and committed, the registry of fetched messages not yet written (so
// nothing deleted at the remote yet either). Prints "PAUSED" and waits to be killed.
import { runPollNow } from '../../src/admin/poll.ts';
import { configSchema } from '../../src/config/schema.ts';
import { createLogger } from '../../src/log/logger.ts';
import { openStore } from '../../src/store/open.ts';
import { FAST_SCRYPT } from '../store/temp-store.ts';

const [dataDir, account, name, pauseAt] = process.argv.slice(2) as [string, string, string, 'append' | 'registry'];
const store = await openStore({ dataDir, scryptCost: FAST_SCRYPT, blobGraceMs: 0 });
const pause = async (): Promise<never> => {
  process.stdout.write('PAUSED\n');
  return new Promise<never>(() => setInterval(() => undefined, 1000));
};
if (pauseAt === 'append') store.appendMessages = pause;
if (pauseAt === 'registry') {
  const record = store.transferLedger.record.bind(store.transferLedger);
  store.transferLedger.record = async (pair, entries, settled) => (entries.length > 0 ? pause() : record(pair, entries, settled));
}
const config = configSchema.parse({ store: { dataDir }, pop3: { port: 0, tlsPort: 0 }, imap: { port: 0, tlsPort: 0 } });
await runPollNow({ store, config, logger: createLogger({ level: 'problems' }) }, account, name);
process.stdout.write('DONE\n');
await store.close();
