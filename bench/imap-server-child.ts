// The mailferry IMAP server in its own process for bench/imap.ts, so its memory is measured alone: serves the
// store in DATA_DIR on a free loopback port, prints {"port": n} and runs until SIGTERM.
import { imapSection } from '../src/imap/config.ts';
import { startImapServer } from '../src/imap/server/server.ts';
import { openStore } from '../src/store/open.ts';

const [dataDir] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: imap-server-child.ts DATA_DIR\n');
  process.exit(2);
}
const store = await openStore({ dataDir });
const config = imapSection.parse({
  port: 0, implicitTls: false, allowPlaintext: 'always', maxConnectionsPerIp: 200, connectionsPerIpPerMinute: 0,
});
const server = await startImapServer({ store, config, tls: null, hostname: 'bench', version: 'bench' });
process.stdout.write(`${JSON.stringify({ port: server.plain.port })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => store.close()).then(() => process.exit(0));
});
