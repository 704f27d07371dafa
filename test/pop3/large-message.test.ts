// Bounded memory (DESIGN invariant 4): a 64 MB message goes from the blob store through our server to our client,
// read slowly, without either side holding more than a small window of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pop3Client } from '../../src/pop3/client/client.ts';
import { startPop3Fixture, PASSWORD } from './server-fixture.ts';

const SIZE = 64 * 1024 * 1024;

// real collections before each sample, so only what is still referenced counts
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function* bigMessage(hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  const header = Buffer.from('Subject: big\r\n\r\n');
  hash.update(header);
  yield header;
  // every 16th line starts with a dot and needs stuffing
  const chunk = Buffer.concat(Array.from({ length: 256 }, (_, i) => Buffer.from(`${i % 16 === 0 ? '.' : 'y'}${'x'.repeat(1021)}\r\n`)));
  for (let sent = header.length; sent < SIZE; sent += chunk.length) {
    hash.update(chunk);
    yield chunk;
  }
}

test('a 64 MB RETR streams with bounded memory on both sides, byte-exact', async () => {
  const fixture = await startPop3Fixture();
  try {
    await fixture.addAccount('big@example.org');
    const account = (await fixture.temp.store.getAccount('big@example.org'))!;
    const inbox = (await fixture.temp.store.getFolder(account.id, 'INBOX'))!;
    const sent = createHash('sha256');
    const { ingestMessage } = await import('../../src/store/ingest.ts');
    const stored = await ingestMessage(fixture.temp.store, inbox.id, bigMessage(sent));
    const digest = sent.digest('hex');
    assert.equal(stored.sha256, digest);

    const client = await Pop3Client.connect({ host: '127.0.0.1', port: fixture.port, tls: 'none', timeoutMs: 20_000 });
    await client.login('big@example.org', PASSWORD);
    await client.list();
    collectGarbage();
    const baseline = process.memoryUsage().arrayBuffers;
    const retrStarted = Date.now();
    let peak = 0;
    let received = 0;
    const hash = createHash('sha256');
    let nextSample = 0;
    for await (const chunk of client.retr(1)) {
      hash.update(chunk);
      received += chunk.length;
      // a slow consumer: the socket must pause rather than the client buffer everything
      if (received >= nextSample) {
        nextSample += 4 * 1024 * 1024;
        await new Promise((resolve) => setTimeout(resolve, 25)); // the server keeps sending meanwhile
        collectGarbage();
        collectGarbage();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
      }
    }
    assert.equal(received, stored.size);
    assert.equal(hash.digest('hex'), digest);
    console.log(`# 64 MB RETR in ${Date.now() - retrStarted} ms: peak extra buffer memory ${(peak / 1048576).toFixed(1)} MB`);
    assert.ok(peak < 8 * 1024 * 1024, `buffers grew by ${(peak / 1048576).toFixed(1)} MB`);
    await client.quit();
  } finally {
    await fixture.cleanup();
  }
});
