// A minimal IMAP client that measures rather than parses: it logs in, selects INBOX and runs one FETCH, counting
// FETCH responses and bytes while skipping literals by their announced size, so the client costs next to nothing
// and the server's speed is what is measured.
import { connect, type Socket } from 'node:net';

export interface FetchRun {
  messages: number;
  bytes: number;
  ms: number;
}

class LineReader {
  private buffer = Buffer.alloc(0);
  private skip = 0;
  private waiter: (() => void) | null = null;
  private closed = false;
  bytes = 0;

  constructor(socket: Socket, private readonly onLine: (line: string) => void) {
    socket.on('data', (chunk: Buffer) => {
      this.bytes += chunk.length;
      this.feed(chunk);
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
  }

  private feed(chunk: Buffer): void {
    let data = this.buffer.length > 0 ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, data.length);
        this.skip -= n;
        data = data.subarray(n);
        if (this.skip > 0) break;
      }
      const lf = data.indexOf(0x0a);
      if (lf < 0) break;
      const line = data.toString('latin1', 0, Math.min(lf, 200));
      data = data.subarray(lf + 1);
      const literal = /\{(\d+)\}\r?$/.exec(line);
      if (literal) this.skip = Number(literal[1]);
      this.onLine(line);
    }
    this.buffer = Buffer.from(data);
  }

  wait(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('connection closed'));
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

export class CountingClient {
  private tags = 0;
  private done: string | null = null;
  private fetches = 0;
  private pendingTag = '';

  private constructor(private readonly socket: Socket, private readonly reader: LineReader) {}

  static async open(port: number): Promise<CountingClient> {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    let client!: CountingClient;
    const reader = new LineReader(socket, (line) => client.line(line));
    client = new CountingClient(socket, reader);
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    return client;
  }

  private line(line: string): void {
    if (line.startsWith('* ') && line.includes(' FETCH ')) this.fetches++;
    else if (this.pendingTag && line.startsWith(`${this.pendingTag} `)) this.done = line;
  }

  async command(text: string): Promise<string> {
    const tag = `b${++this.tags}`;
    this.pendingTag = tag;
    this.done = null;
    this.socket.write(`${tag} ${text}\r\n`);
    while (this.done === null) await this.reader.wait();
    if (!/^\S+ OK/.test(this.done)) throw new Error(`${text.split(' ')[0]} failed: ${this.done}`);
    return this.done;
  }

  async fetch(set: string, items: string): Promise<FetchRun> {
    this.fetches = 0;
    const bytesBefore = this.reader.bytes;
    const started = performance.now();
    await this.command(`FETCH ${set} ${items}`);
    return { messages: this.fetches, bytes: this.reader.bytes - bytesBefore, ms: performance.now() - started };
  }

  close(): void {
    this.socket.destroy();
  }
}

export async function sessionOn(port: number, user: string, password: string): Promise<CountingClient> {
  const client = await CountingClient.open(port);
  await client.command(`LOGIN ${user} "${password}"`);
  await client.command('EXAMINE INBOX');
  return client;
}
