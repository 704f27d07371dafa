// A loopback TCP proxy in front of a real Dovecot that injects the faults a transfer must survive: a connection
// dropped in the middle of an APPEND, or a tagged OK rewritten into a throttling refusal (Microsoft 365 style,
// with a backoff hint). Everything else passes through unchanged.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FaultPlan {
  /** drop the connection once this many bytes went client → server (once, on the first connection that does) */
  dropAfterClientBytes?: number;
  /** rewrite the first tagged OK whose text matches `answer` into "NO <refusal>" (once) */
  refuse?: { answer: RegExp; refusal: string };
}

export interface FaultProxy {
  port: number;
  /** faults that fired */
  fired: string[];
  close(): Promise<void>;
}

export async function startFaultProxy(upstreamPort: number, plan: FaultPlan): Promise<FaultProxy> {
  const fired: string[] = [];
  const sockets = new Set<Socket>();
  let dropped = false;
  let throttled = false;
  const server: Server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: upstreamPort });
    sockets.add(client).add(upstream);
    let sent = 0;
    let pending = '';
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (plan.dropAfterClientBytes !== undefined && !dropped && sent >= plan.dropAfterClientBytes) {
        dropped = true;
        fired.push(`dropped after ${sent} bytes`);
        destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!plan.refuse || throttled) {
        client.write(chunk);
        return;
      }
      // whole lines only, so a tagged answer split over two reads is still seen
      pending += chunk.toString('latin1');
      const end = pending.lastIndexOf('\r\n');
      if (end === -1) return;
      let text = pending.slice(0, end + 2);
      pending = pending.slice(end + 2);
      text = text.replace(/^(\S+) OK ([^\r\n]*)\r\n/gm, (line, tag: string, rest: string) => {
        if (throttled || !plan.refuse!.answer.test(rest)) return line;
        throttled = true;
        fired.push(`answer "${rest}" refused`);
        return `${tag} NO ${plan.refuse!.refusal}\r\n`;
      });
      client.write(Buffer.from(text, 'latin1'));
      if (throttled && pending) {
        client.write(Buffer.from(pending, 'latin1'));
        pending = '';
      }
    });
    client.on('error', destroy);
    upstream.on('error', destroy);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    fired,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
