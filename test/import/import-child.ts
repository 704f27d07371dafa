// The importer as its own process, for the crash test: opens the store, says "ready" on standard output,
// imports, prints the summary as JSON and exits. The test kills it with SIGKILL at random moments.
import { importMailbox } from '../../src/admin/import.ts';
import { openStore } from '../../src/store/open.ts';
import { SilentProgress } from '../../src/util/progress.ts';

const [dataDir, sourceSpec, account] = process.argv.slice(2);
if (!dataDir || !sourceSpec || !account) {
  process.stderr.write('usage: import-child.ts DATA_DIR SOURCE ACCOUNT\n');
  process.exit(2);
}
const store = await openStore({ dataDir, blobGraceMs: 0 });
process.stdout.write('ready\n');
try {
  const summary = await importMailbox(store, account, sourceSpec, { progress: new SilentProgress() });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await store.close();
}
