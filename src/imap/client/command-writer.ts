// Puts one command on the wire (RFC 3501 §2.2.1): text parts as they are, each literal announced as
// `{n+}` when the server takes non-synchronising literals (RFC 7888: LITERAL+ any size, LITERAL- up to
// 4096 bytes), else as `{n}` followed by a wait for the server's "+" (RFC 3501 §7.5).
import { traceText, type CommandPart, type LiteralPart } from './command-encoding.ts';
import { ImapClientError, type ImapEndpoint } from './errors.ts';

export interface WriterHost {
  readonly endpoint: ImapEndpoint;
  readonly capabilities: ReadonlySet<string>;
  /** resolves once the bytes are handed to the socket (waits for 'drain' when its buffer is full) */
  write(data: Uint8Array): Promise<void>;
  /** resolves once the socket is done with the bytes (written to the kernel): the buffer may then be reused */
  writeFlushed(data: Uint8Array): Promise<void>;
  /** the connection's buffer for literals read by position; one command is written at a time */
  literalBuffer(): Buffer;
  /** true when the server sent "+", false when the command completed (NO/BAD) instead */
  continuation(): Promise<boolean>;
  trace?(text: string): void;
}

export interface WritableCommand {
  tag: string;
  name: string;
  parts: readonly CommandPart[];
  traceAs?: string;
  synchronisingLiterals?: boolean;
}

const WRITE_COALESCE_BYTES = 64 * 1024;

/** Throws ImapClientError when a literal's source fails or lies about its size: the connection must then
 *  be dropped, since the announced length is already on the wire. */
export async function writeCommand(host: WriterHost, command: WritableCommand): Promise<void> {
  host.trace?.(`${command.tag} ${command.traceAs ?? traceText(command.parts)}`);
  let text = `${command.tag} `;
  for (const part of command.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const nonSynchronising = !command.synchronisingLiterals && mayUseNonSynchronising(host.capabilities, part.size);
    text += nonSynchronising ? `{${part.size}+}\r\n` : `{${part.size}}\r\n`;
    await host.write(Buffer.from(text, 'utf8'));
    text = '';
    if (!nonSynchronising && !(await host.continuation())) return; // refused: the tagged NO/BAD came instead
    await writeLiteral(host, command, part);
  }
  await host.write(Buffer.from(`${text}\r\n`, 'utf8'));
}

function mayUseNonSynchronising(capabilities: ReadonlySet<string>, size: number): boolean {
  return capabilities.has('LITERAL+') || (capabilities.has('LITERAL-') && size <= 4096);
}

async function writeLiteral(host: WriterHost, command: WritableCommand, part: LiteralPart): Promise<void> {
  if (Buffer.isBuffer(part.content)) return host.write(part.content);
  const fail = (detail: string, temporary: boolean, cause?: unknown) =>
    new ImapClientError({ kind: 'aborted', endpoint: host.endpoint, command: command.name, detail, temporary, cause });
  if (part.content.readAt) return writeByPosition(host, part.content.readAt.bind(part.content), part.size, fail);
  let written = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of part.content.open()) {
      written += chunk.length;
      if (written > part.size) break;
      // many small chunks (a line at a time) would cost one syscall each: coalesce them
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= WRITE_COALESCE_BYTES) {
        await host.write(pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      }
    }
  } catch (err) {
    if (err instanceof ImapClientError && err.kind === 'closed') throw err;
    throw fail(`message source failed: ${(err as Error).message}`, true, err);
  }
  if (written !== part.size) throw fail(`message source gave ${written > part.size ? 'more' : 'fewer'} bytes than its announced size ${part.size}`, false);
  if (pendingBytes > 0) await host.write(Buffer.concat(pending, pendingBytes));
}

/** A literal read by position into the connection's one buffer, each piece flushed before the next read. */
async function writeByPosition(
  host: WriterHost, readAt: (buffer: Buffer, position: number) => Promise<number>, size: number,
  fail: (detail: string, temporary: boolean, cause?: unknown) => ImapClientError,
): Promise<void> {
  const buffer = host.literalBuffer();
  for (let position = 0; position < size; ) {
    let count: number;
    try {
      count = await readAt(buffer.subarray(0, Math.min(buffer.length, size - position)), position);
    } catch (err) {
      throw fail(`message source failed: ${(err as Error).message}`, true, err);
    }
    if (count === 0) throw fail(`message source gave fewer bytes than its announced size ${size}`, false);
    await host.writeFlushed(buffer.subarray(0, count));
    position += count;
  }
}
