// A tiny IMAP client for tests that need the server's exact bytes (imapflow parses them away): it sends a
// tagged command and returns every untagged response, literals included, as raw bytes until the tagged reply.
import { connect, type Socket } from 'node:net';

export interface RawReply {
  /** each untagged response ("* ..."), with its literals inline, without the final CRLF */
  untagged: Buffer[];
  /** the tagged status line without the tag, e.g. "OK Fetch completed." */
  tagged: string;
  status: 'OK' | 'NO' | 'BAD';
}

export class RawImap {
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private closed = false;
  private tagCounter = 0;
  greeting = '';

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => { this.closed = true; this.wake(); });
    socket.on('error', () => { this.closed = true; this.wake(); });
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<RawImap> {
    const socket = connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawImap(socket);
    client.greeting = (await client.readResponse()).toString('latin1');
    return client;
  }

  async login(user: string, password: string): Promise<RawReply> {
    const reply = await this.command(`LOGIN ${quote(user)} ${quote(password)}`);
    if (reply.status !== 'OK') throw new Error(`LOGIN failed: ${reply.tagged}`);
    return reply;
  }

  /** Sends one command (without tag) and collects everything up to its tagged reply. */
  async command(text: string | Buffer): Promise<RawReply> {
    const tag = this.nextTag();
    this.socket.write(Buffer.concat([Buffer.from(`${tag} `), Buffer.from(text), Buffer.from('\r\n')]));
    return this.collect(tag);
  }

  /** APPEND with a synchronising literal carrying the message's exact bytes. */
  async append(mailbox: string, message: Buffer, flags: string[] = []): Promise<RawReply> {
    const tag = this.nextTag();
    const flagList = flags.length > 0 ? ` (${flags.join(' ')})` : '';
    this.socket.write(`${tag} APPEND ${quote(mailbox)}${flagList} {${message.length}}\r\n`);
    const cont = (await this.readResponse()).toString('latin1');
    if (cont.startsWith(`${tag} `)) return tagged(cont.slice(tag.length + 1), []); // refused before the literal
    if (!cont.startsWith('+')) throw new Error(`unexpected reply to APPEND: ${cont}`);
    this.socket.write(Buffer.concat([message, Buffer.from('\r\n')]));
    return this.collect(tag);
  }

  async logout(): Promise<void> {
    if (!this.closed) {
      try { await this.command('LOGOUT'); } catch { /* the server may close first */ }
    }
    this.socket.destroy();
  }

  private nextTag(): string {
    this.tagCounter += 1;
    return `T${this.tagCounter}`;
  }

  private async collect(tag: string): Promise<RawReply> {
    const untagged: Buffer[] = [];
    for (;;) {
      const response = await this.readResponse();
      const text = response.toString('latin1');
      if (text.startsWith(`${tag} `)) return tagged(text.slice(tag.length + 1), untagged);
      untagged.push(response);
    }
  }

  /** One response: a line, plus for each line ending in {n} the n literal bytes and the line that follows. */
  private async readResponse(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const line = await this.readLine();
      parts.push(line);
      const literal = /\{(\d+)\+?\}$/.exec(line.toString('latin1'));
      if (!literal) return Buffer.concat(parts);
      parts.push(Buffer.from('\r\n'), await this.readBytes(Number(literal[1])));
    }
  }

  private async readLine(): Promise<Buffer> {
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end >= 0) {
        const line = this.buffer.subarray(0, end);
        this.buffer = this.buffer.subarray(end + 2);
        return Buffer.from(line);
      }
      await this.waitForData();
    }
  }

  private async readBytes(count: number): Promise<Buffer> {
    while (this.buffer.length < count) await this.waitForData();
    const bytes = Buffer.from(this.buffer.subarray(0, count));
    this.buffer = this.buffer.subarray(count);
    return bytes;
  }

  private waitForData(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('IMAP connection closed'));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function tagged(line: string, untagged: Buffer[]): RawReply {
  const status = line.split(' ', 1)[0].toUpperCase();
  if (status !== 'OK' && status !== 'NO' && status !== 'BAD') throw new Error(`bad tagged reply: ${line}`);
  return { untagged, tagged: line, status };
}

/** An IMAP quoted string (RFC 3501 §4.3); for test inputs without CR, LF or 8-bit bytes. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
