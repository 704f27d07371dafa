// Incremental framing of the server's byte stream into responses (RFC 3501 §2.2.2, literals §4.3).
// Bytes arrive in chunks split anywhere; a response is one or more lines, each line ending in `{n}`
// announcing a literal of n bytes. Literal bytes go straight into a LiteralSink (memory or spool file),
// so a large message body is never held twice nor whole in RAM. No I/O here: the sink factory decides.
import { ImapSyntaxError } from './errors.ts';
import { memoryLiteralSink, type LiteralSink, type LiteralSinkFactory } from './literal-spool.ts';
import type { ImapResponse } from './responses.ts';
import { tokenizeResponse, type ResponseSegment } from './response-tokenizer.ts';

export interface ResponseParserOptions {
  literalSink?: LiteralSinkFactory;
  /** longest line (text between literals) accepted, bytes */
  maxLineBytes?: number;
  /** called once per response with a short text form (literals shown as `{n}`), for protocol traces */
  trace?: (summary: string) => void;
  /** the chunks given to push() are reused afterwards (a socket's read buffer): keep copies, never views */
  copyLines?: boolean;
}

const LF = 0x0a, CR = 0x0d;
const DEFAULT_MAX_LINE = 64 * 1024 * 1024;
const TRACE_LIMIT = 400;

export class ResponseParser {
  private readonly newSink: LiteralSinkFactory;
  private readonly maxLineBytes: number;
  private lineParts: Buffer[] = [];
  private lineBytes = 0;
  private segments: ResponseSegment[] = [];
  private literal: { sink: LiteralSink; remaining: number } | null = null;

  constructor(
    private readonly onResponse: (response: ImapResponse) => void,
    private readonly options: ResponseParserOptions = {},
  ) {
    this.newSink = options.literalSink ?? memoryLiteralSink;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  }

  /** Feed bytes; complete responses are handed to `onResponse` before this returns. */
  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.literal) {
        offset = this.feedLiteral(chunk, offset);
        continue;
      }
      const lf = chunk.indexOf(LF, offset);
      if (lf === -1) {
        this.keepPartialLine(chunk.subarray(offset));
        return;
      }
      this.keepPartialLine(chunk.subarray(offset, lf));
      offset = lf + 1;
      this.endOfLine();
    }
  }

  /** Forget a half-received response (connection lost), releasing spooled literals. */
  abort(): void {
    this.literal?.sink.abort();
    this.literal = null;
    this.lineParts = [];
    this.lineBytes = 0;
    this.segments = [];
  }

  /** True while a response has started but is not complete. */
  get midResponse(): boolean {
    return this.literal !== null || this.lineBytes > 0 || this.segments.length > 0;
  }

  private feedLiteral(chunk: Buffer, offset: number): number {
    const literal = this.literal!;
    const take = Math.min(literal.remaining, chunk.length - offset);
    literal.sink.write(chunk.subarray(offset, offset + take));
    literal.remaining -= take;
    if (literal.remaining === 0) {
      this.segments[this.segments.length - 1]!.literal = literal.sink.finish();
      this.literal = null;
    }
    return offset + take;
  }

  private keepPartialLine(part: Buffer): void {
    if (part.length === 0) return;
    this.lineBytes += part.length;
    if (this.lineBytes > this.maxLineBytes) {
      this.abort();
      throw new ImapSyntaxError(`response line longer than ${this.maxLineBytes} bytes`);
    }
    this.lineParts.push(this.options.copyLines ? Buffer.from(part) : part);
  }

  private endOfLine(): void {
    let line = this.lineParts.length === 1 ? this.lineParts[0]! : Buffer.concat(this.lineParts, this.lineBytes);
    this.lineParts = [];
    this.lineBytes = 0;
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    const marker = literalMarker(line);
    if (marker) {
      this.segments.push({ line: line.subarray(0, marker.start) });
      if (marker.size === 0) this.segments[this.segments.length - 1]!.literal = Buffer.alloc(0);
      else this.literal = { sink: this.newSink(marker.size), remaining: marker.size };
      return;
    }
    this.segments.push({ line });
    const segments = this.segments;
    this.segments = [];
    if (this.options.trace) this.options.trace(summarize(segments));
    this.onResponse(tokenizeResponse(segments));
  }
}

/** `{123}`, `{123+}` or `~{123}` (RFC 3516 literal8) at the very end of a line. */
function literalMarker(line: Buffer): { start: number; size: number } | null {
  let i = line.length - 1;
  if (i < 2 || line[i] !== 0x7d /* } */) return null;
  i -= 1;
  if (line[i] === 0x2b /* + */) i -= 1;
  const digitsEnd = i + 1;
  while (i >= 0 && line[i]! >= 0x30 && line[i]! <= 0x39) i -= 1;
  if (i === digitsEnd - 1 || i < 0 || line[i] !== 0x7b /* { */) return null;
  const size = Number(line.toString('latin1', i + 1, digitsEnd));
  if (!Number.isSafeInteger(size)) throw new ImapSyntaxError('literal size out of range');
  const start = i > 0 && line[i - 1] === 0x7e /* ~ */ ? i - 1 : i;
  return { start, size };
}

function summarize(segments: ResponseSegment[]): string {
  let text = '';
  for (const segment of segments) {
    text += segment.line.toString('latin1', 0, Math.min(segment.line.length, TRACE_LIMIT));
    if (segment.literal !== undefined) text += `{${literalSize(segment.literal)} bytes}`;
    if (text.length > TRACE_LIMIT) return `${text.slice(0, TRACE_LIMIT)}…`;
  }
  return text;
}

function literalSize(literal: NonNullable<ResponseSegment['literal']>): number {
  return Buffer.isBuffer(literal) ? literal.length : literal.size;
}
