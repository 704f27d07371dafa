// `mailferry serve` with the IMAP service: both listeners come up from the config (the self-signed certificate is
// created in the data dir), an imapflow client logs in over STARTTLS and over implicit TLS, and close() stops them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { configSchema } from '../../../src/config/schema.ts';
import { serve } from '../../../src/server/serve.ts';
import { openStore } from '../../../src/store/open.ts';
import { imapService } from '../../../src/imap/server/service.ts';

test('serve starts IMAP with STARTTLS and implicit TLS from the config', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mf-imap-serve-'));
  try {
    const store = await openStore({ dataDir, scryptCost: { ln: 4, r: 8, p: 1 } });
    await store.addDomain('example.org');
    await store.addAccount('sam@example.org', 'serve-pw');
    await store.close();
    const config = configSchema.parse({ store: { dataDir }, imap: { port: 0, tlsPort: 0 } });
    const running = await serve(config, { services: [imapService] });
    try {
      const address = running.services[0]!.address;
      assert.match(address, /^imap:\/\/127\.0\.0\.1:\d+, imaps:\/\/127\.0\.0\.1:\d+$/);
      const [plainPort, tlsPort] = [...address.matchAll(/:(\d+)/g)].map((m) => Number(m[1]));
      assert.ok(existsSync(join(dataDir, 'tls', 'self-signed.crt')));
      for (const options of [{ port: plainPort, secure: false }, { port: tlsPort, secure: true }]) {
        const client = new ImapFlow({
          host: '127.0.0.1', ...options, logger: false, auth: { user: 'sam@example.org', pass: 'serve-pw' }, tls: { rejectUnauthorized: false },
        });
        await client.connect();
        assert.equal(client.secureConnection, true);
        const status = await client.status('INBOX', { messages: true });
        assert.equal(status && status.messages, 0);
        await client.logout();
      }
    } finally {
      await running.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('serve leaves IMAP off when imap.enabled is false', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mf-imap-serve-'));
  try {
    const config = configSchema.parse({ store: { dataDir }, imap: { enabled: false } });
    const running = await serve(config, { services: [imapService] });
    assert.equal(running.services[0]!.address, 'imap disabled');
    await running.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
