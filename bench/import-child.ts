// The importer in its own process, so its peak RSS is its own: imports SOURCE into ACCOUNT of the store in
// DATA_DIR and prints {summary, maxRssBytes} as JSON.
import { importMailbox } from '../src/admin/import.ts';
import { openStore } from '../src/store/open.ts';
import { SilentProgress } from '../src/util/progress.ts';

const [dataDir, sourceSpec, account] = process.argv.slice(2);
if (!dataDir || !sourceSpec || !account) {
  process.stderr.write('usage: import-child.ts DATA_DIR SOURCE ACCOUNT\n');
  process.exit(2);
}
const store = await openStore({ dataDir });
try {
  const summary = await importMailbox(store, account, sourceSpec, { progress: new SilentProgress() });
  // resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss)
  process.stdout.write(`${JSON.stringify({ summary, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
} finally {
  await store.close();
}
