import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { ImapClient } from '../../../src/imap/client/client.ts';
import { ImapClientError } from '../../../src/imap/client/errors.ts';
import { startFixture, type ClientFixture } from './fixture.ts';

let fixture: ClientFixture;

/** A loopback TCP relay to the real Dovecot that the test can cut or freeze. */
class Relay {
  private readonly pairs: Array<[Socket, Socket]> = [];
  frozen = false;
  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(targetPort: number): Promise<Relay> {
    let relay!: Relay;
    const server = createServer((client) => {
      const upstream = connect({ host: '127.0.0.1', port: targetPort });
      relay.pairs.push([client, upstream]);
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => { if (!relay.frozen) client.write(chunk); });
      const close = () => { client.destroy(); upstream.destroy(); };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    relay = new Relay(server, (server.address() as { port: number }).port);
    return relay;
  }

  cut(): void {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

before(async () => {
  fixture = await startFixture();
  const seed = await fixture.connect();
  await seed.create('Many');
  await seed.append('Many', Array.from({ length: 300 }, (_, i) => ({ content: Buffer.from(`Subject: ${i}\r\n\r\n${'x'.repeat(20_000)}\r\n`) })));
  await seed.logout();
});
after(async () => {
  await fixture?.stop();
});

function isTemporary(kind: string) {
  return (err: unknown) => {
    assert.ok(err instanceof ImapClientError, String(err));
    assert.equal(err.kind, kind);
    assert.equal(err.temporary, true);
    assert.match(err.message, /127\.0\.0\.1:\d+/);
    return true;
  };
}

test('a dropped connection fails the running fetch and everything queued with a temporary error', async () => {
  const relay = await Relay.start(fixture.dovecot.imapPort);
  const client: ImapClient = await fixture.connect({ port: relay.port });
  await client.select('Many');
  let received = 0;
  const queued = client.noop();
  await assert.rejects(async () => {
    for await (const message of client.fetchBodies('1:*', { highWaterBytes: 64 * 1024 })) {
      received += 1;
      if (received === 5) relay.cut();
      message.body.releaseIfUnread();
    }
  }, isTemporary('closed'));
  assert.ok(received >= 5 && received < 300);
  await assert.rejects(queued, isTemporary('closed'));
  await assert.rejects(client.noop(), isTemporary('closed'));
  await client.logout(); // no throw on a dead connection
  await relay.stop();
});

test('a server that stops answering times out with a temporary error naming the command', async () => {
  const relay = await Relay.start(fixture.dovecot.imapPort);
  const client = await fixture.connect({ port: relay.port, responseTimeoutMs: 300 });
  await client.select('Many');
  relay.frozen = true;
  const started = Date.now();
  await assert.rejects(client.uidSearch('ALL'), (err: unknown) => {
    isTemporary('timeout')(err);
    assert.match((err as Error).message, /IMAP UID SEARCH at .* failed: no response for 300 ms/);
    return true;
  });
  assert.ok(Date.now() - started < 5000);
  await relay.stop();
});

test('an idle connection does not time out while nothing is pending', async () => {
  const client = await fixture.connect({ responseTimeoutMs: 200 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  await client.noop();
  await client.select('Many');
  assert.equal((await client.idle({ timeoutMs: 600 })).reason, 'timeout', 'IDLE is exempt from the response timeout');
  await client.logout();
});
