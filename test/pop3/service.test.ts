// `mailferry serve` with the POP3 service: both listeners come up (the self-signed certificate is created in the
// data dir), a client logs in over STLS and over implicit TLS, and close() stops them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../../src/config/schema.ts';
import { serve } from '../../src/server/serve.ts';
import { openStore } from '../../src/store/open.ts';
import { pop3Service } from '../../src/pop3/service.ts';
import { Pop3Client } from '../../src/pop3/client/client.ts';

test('serve starts POP3 with STLS and implicit TLS from the config', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mf-pop3-serve-'));
  try {
    const store = await openStore({ dataDir, scryptCost: { ln: 4, r: 8, p: 1 } });
    await store.addDomain('example.org');
    await store.addAccount('sam@example.org', 'serve-pw');
    await store.close();
    const config = configSchema.parse({ store: { dataDir }, pop3: { port: 0, tlsPort: 0 } });
    const running = await serve(config, { services: [pop3Service] });
    try {
      const address = running.services[0].address;
      const [plainPort, tlsPort] = [...address.matchAll(/:(\d+)/g)].map((m) => Number(m[1]));
      assert.match(address, /^pop3:\/\/127\.0\.0\.1:\d+, pop3s:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(existsSync(join(dataDir, 'tls', 'self-signed.crt')));
      for (const options of [
        { port: plainPort, tls: 'starttls' as const },
        { port: tlsPort, tls: 'implicit' as const },
      ]) {
        const client = await Pop3Client.connect({ host: '127.0.0.1', ...options, rejectUnauthorized: false, timeoutMs: 10_000 });
        assert.ok(client.secure);
        await client.login('sam@example.org', 'serve-pw');
        assert.deepEqual(await client.stat(), { count: 0, size: 0 });
        await client.quit();
      }
    } finally {
      await running.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
