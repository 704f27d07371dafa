// A byte-level IMAP client for the server tests: send any bytes, read responses (literals included) as text,
// wait for untagged responses that arrive on their own (IDLE, other sessions' changes).
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface Reply {
  untagged: string[];
  /** the tagged line without the tag */
  tagged: string;
}

export class RawSession {
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private tag = 0;
  closed = false;
  greeting = '';

  private constructor(private socket: Socket) {
    this.attach(socket);
  }

  private attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => { this.closed = true; this.wake(); });
    socket.on('error', () => { this.closed = true; this.wake(); });
  }

  static async open(port: number, options: { tls?: boolean } = {}): Promise<RawSession> {
    const socket = options.tls
      ? tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false })
      : connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    const session = new RawSession(socket);
    session.greeting = await session.readResponse();
    return session;
  }

  /** STARTTLS already answered OK: wrap the socket. */
  async upgrade(): Promise<void> {
    this.socket.removeAllListeners('data');
    const secure = tlsConnect({ socket: this.socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Sends "<tag> <text>\r\n" and reads up to the tagged reply. */
  async command(text: string): Promise<Reply> {
    const tag = `t${++this.tag}`;
    this.write(`${tag} ${text}\r\n`);
    return this.until(tag);
  }

  /** Reads responses until the one tagged `tag`. */
  async until(tag: string, timeoutMs = 10_000): Promise<Reply> {
    const untagged: string[] = [];
    for (;;) {
      const response = await this.readResponse(timeoutMs);
      if (response.startsWith(`${tag} `)) return { untagged, tagged: response.slice(tag.length + 1) };
      untagged.push(response);
    }
  }

  /** One response line with its literals, as latin1 text; rejects after `timeoutMs`. */
  async readResponse(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) {
        await this.waitForData(deadline);
        continue;
      }
      const line = this.buffer.toString('latin1', 0, end);
      this.buffer = this.buffer.subarray(end + 2);
      text += line;
      const literal = /\{(\d+)\}$/.exec(line);
      if (!literal) return text;
      const size = Number(literal[1]);
      while (this.buffer.length < size) await this.waitForData(deadline);
      text += `\r\n${this.buffer.toString('latin1', 0, size)}`;
      this.buffer = this.buffer.subarray(size);
    }
  }

  /** Nothing arrives within `ms`. */
  async silentFor(ms: number): Promise<boolean> {
    if (this.buffer.length > 0) return false;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.buffer.length === 0;
  }

  private waitForData(deadline: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('connection closed'));
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new Error('timed out waiting for the server'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the server')), left);
      this.waiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  close(): void {
    this.socket.destroy();
  }
}

export async function loggedIn(port: number, user: string, password: string): Promise<RawSession> {
  const session = await RawSession.open(port);
  const reply = await session.command(`LOGIN ${user} "${password}"`);
  if (!reply.tagged.startsWith('OK')) throw new Error(`LOGIN failed: ${reply.tagged}`);
  return session;
}
