// Incremental framing of client input into commands (RFC 3501 §2.2.1, §4.3, §7.5; RFC 7888; RFC 3516).
//
// Pull API: `push(bytes)` whatever arrives from the socket, then call `next()` until it returns null.
// The reader never parses arguments; it only knows where a command ends, which needs the literals.
//
//   continue      a synchronising literal "{n}" was announced. Call acceptLiteral() (then send "+ ...") or
//                 rejectLiteral() (then send a tagged NO/BAD: the client will not send the literal).
//   literal-start a literal of a streamable command (APPEND) is too large to buffer: its bytes follow as
//   literal-chunk events (slices of pushed buffers), then literal-end; the command goes on afterwards.
//   command       a whole command; streamed literals appear in it as placeholders.
//   line          the raw line asked for with expectLine() (IDLE's "DONE", AUTHENTICATE responses).
//   error         the command was malformed or too big and has been skipped entirely; reply tagged BAD
//                 (or NO [TOOBIG]). A command that already streamed literals is abandoned with it.

import { ByteQueue } from './byte-queue.ts';
import type { CommandPart, FramedCommand } from './framed-command.ts';
import { readTag } from './framed-command.ts';
import { findLiteralHeader } from './literal-header.ts';
import type { LiteralHeader } from './literal-header.ts';
import { ParseError } from './parse-error.ts';

export interface ReaderLimits {
  /** longest line without its CRLF; a longer one makes the command fail with [TOOBIG] */
  maxLineLength: number;
  /** largest literal held in memory */
  maxLiteralSize: number;
  /** largest command held in memory: text plus buffered literals */
  maxCommandSize: number;
  /** literals of streamable commands at least this large are streamed instead of buffered */
  streamThreshold: number;
  /** largest streamed literal (the server's APPENDLIMIT, RFC 7889) */
  maxStreamedLiteralSize: number;
  /** largest "{n+}" accepted: Infinity with LITERAL+, 4096 with LITERAL- (RFC 7888 §4) */
  maxNonSyncLiteralSize: number;
  /** upper-case command names whose large literals are streamed */
  streamableCommands: ReadonlySet<string>;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  maxLineLength: 64 * 1024,
  maxLiteralSize: 1024 * 1024,
  maxCommandSize: 4 * 1024 * 1024,
  streamThreshold: 64 * 1024,
  maxStreamedLiteralSize: 1024 * 1024 * 1024,
  maxNonSyncLiteralSize: Infinity,
  streamableCommands: new Set(['APPEND']),
};

export type ReaderEvent =
  | { kind: 'command'; command: FramedCommand }
  | { kind: 'line'; line: Buffer }
  | { kind: 'continue'; head: FramedCommand; size: number; binary: boolean }
  | { kind: 'literal-start'; head: FramedCommand; size: number; binary: boolean; index: number }
  | { kind: 'literal-chunk'; data: Buffer }
  | { kind: 'literal-end' }
  | { kind: 'error'; tag: string | null; error: ParseError };

interface PendingLiteral {
  size: number;
  binary: boolean;
  streamed: boolean;
}

type State =
  | { kind: 'line' }
  | { kind: 'awaiting-decision'; literal: PendingLiteral }
  | { kind: 'literal'; remaining: number; size: number; streamed: boolean; binary: boolean; chunks: Buffer[] }
  | { kind: 'discard-line' }
  | { kind: 'discard-literal'; remaining: number };

const TAIL_KEPT = 32; // enough for "~{4294967295+}"

export class CommandReader {
  private readonly limits: ReaderLimits;
  private readonly queue = new ByteQueue();
  private state: State = { kind: 'line' };
  private pending: ReaderEvent | null = null;
  private lineMode = false;
  // the line being read
  private lineChunks: Buffer[] = [];
  private lineLength = 0;
  // the command being framed
  private parts: CommandPart[] = [];
  private tag: string | null = null;
  private commandName = '';
  private commandBytes = 0;
  private streamedCount = 0;
  // while skipping a failed command
  private discardError: ParseError | null = null;
  private discardTail: Buffer = Buffer.alloc(0);

  constructor(limits: Partial<ReaderLimits> = {}) {
    this.limits = { ...DEFAULT_READER_LIMITS, ...limits };
  }

  push(bytes: Buffer): void {
    this.queue.push(bytes);
  }

  /** Bytes received but not yet framed. */
  get buffered(): number {
    return this.queue.length + this.lineLength;
  }

  /** The next complete line is returned raw as a `line` event (no literal or tag handling). */
  expectLine(): void {
    this.lineMode = true;
  }

  /** After a `continue` event: the server sent "+ …"; the literal bytes follow. */
  acceptLiteral(): void {
    if (this.state.kind !== 'awaiting-decision') throw new Error('acceptLiteral() without a pending literal');
    this.pending = this.beginLiteral(this.state.literal);
  }

  /** After a `continue` event: the server refused the command; the client sends no literal (RFC 3501 §7.5). */
  rejectLiteral(): void {
    if (this.state.kind !== 'awaiting-decision') throw new Error('rejectLiteral() without a pending literal');
    this.resetCommand();
  }

  next(): ReaderEvent | null {
    if (this.pending) {
      const event = this.pending;
      this.pending = null;
      return event;
    }
    for (;;) {
      const state = this.state;
      switch (state.kind) {
        case 'awaiting-decision':
          throw new Error('next() called before acceptLiteral() or rejectLiteral()');
        case 'line': {
          const line = this.readLine();
          if (line === null) return null;
          if (line === 'overflow') {
            this.discardError = this.tooLong();
            this.state = { kind: 'discard-line' };
            break;
          }
          const event = this.onLine(line);
          if (event) return event;
          break;
        }
        case 'literal': {
          const event = this.readLiteral(state);
          if (event === 'need-more') return null;
          if (event) return event;
          break;
        }
        case 'discard-line': {
          const event = this.discardLine();
          if (event === 'need-more') return null;
          if (event) return event;
          break;
        }
        case 'discard-literal': {
          const skipped = this.queue.take(state.remaining);
          if (skipped === null) return null;
          state.remaining -= skipped.length;
          if (state.remaining === 0) this.state = { kind: 'discard-line' };
          break;
        }
      }
    }
  }

  /** A complete line without its CRLF, 'overflow' once it has passed maxLineLength, or null for more. */
  private readLine(): Buffer | 'overflow' | null {
    for (;;) {
      const piece = this.queue.takeUntilLf();
      if (piece === null) return null;
      this.lineChunks.push(piece.data);
      this.lineLength += piece.data.length;
      if (piece.found) {
        const line = this.lineChunks.length === 1 ? this.lineChunks[0] : Buffer.concat(this.lineChunks, this.lineLength);
        this.lineChunks = [];
        this.lineLength = 0;
        return withoutLineEnd(line);
      }
      if (this.lineLength > this.limits.maxLineLength + 2) {
        const partial = Buffer.concat(this.lineChunks, this.lineLength);
        this.lineChunks = [];
        this.lineLength = 0;
        this.noteTagFrom(partial);
        this.discardTail = Buffer.from(partial.subarray(partial.length - TAIL_KEPT));
        return 'overflow';
      }
    }
  }

  private noteTagFrom(firstLine: Buffer): void {
    if (this.parts.length === 0 && !this.lineMode) this.tag = readTag(firstLine);
  }

  private tooLong(): ParseError {
    return new ParseError(`line longer than ${this.limits.maxLineLength} bytes`, { tag: this.tag, code: 'TOOBIG' });
  }

  private onLine(line: Buffer): ReaderEvent | null {
    if (line.length > this.limits.maxLineLength) {
      this.noteTagFrom(line);
      this.discardTail = line.subarray(Math.max(0, line.length - TAIL_KEPT));
      this.discardError = this.tooLong();
      return this.endDiscardedLine();
    }
    if (this.lineMode) {
      this.lineMode = false;
      return { kind: 'line', line };
    }
    if (this.parts.length === 0) {
      if (line.length === 0) return null; // an empty line is not a command; ignored, as Dovecot does
      this.tag = readTag(line);
      this.commandName = commandNameOf(line);
    }
    const header = findLiteralHeader(line);
    const text = header ? line.subarray(0, header.start) : line;
    this.parts.push({ kind: 'text', data: text });
    this.commandBytes += text.length;
    if (this.commandBytes > this.limits.maxCommandSize) {
      this.discardTail = line.subarray(Math.max(0, line.length - TAIL_KEPT));
      this.discardError = this.commandTooBig();
      return this.endDiscardedLine();
    }
    if (!header) {
      const command: FramedCommand = { tag: this.tag, parts: this.parts };
      this.resetCommand();
      return { kind: 'command', command };
    }
    return this.onLiteralHeader(header);
  }

  private commandTooBig(): ParseError {
    return new ParseError(`command larger than ${this.limits.maxCommandSize} bytes`, { tag: this.tag, code: 'TOOBIG' });
  }

  private onLiteralHeader(header: LiteralHeader): ReaderEvent | null {
    const limits = this.limits;
    const streamed = limits.streamableCommands.has(this.commandName) && header.size >= limits.streamThreshold;
    const max = streamed ? limits.maxStreamedLiteralSize : limits.maxLiteralSize;
    let problem: ParseError | null = null;
    if (header.size > max) {
      problem = new ParseError(`literal of ${header.size} bytes is larger than the limit of ${max}`, { tag: this.tag, code: 'TOOBIG' });
    } else if (!streamed && this.commandBytes + header.size > limits.maxCommandSize) {
      problem = this.commandTooBig();
    } else if (header.nonSync && header.size > limits.maxNonSyncLiteralSize) {
      // RFC 7888 §4: LITERAL- allows "{n+}" only up to 4096 bytes.
      problem = new ParseError(`non-synchronizing literal larger than ${limits.maxNonSyncLiteralSize} bytes`, { tag: this.tag, code: 'TOOBIG' });
    }
    const literal: PendingLiteral = { size: header.size, binary: header.binary, streamed };
    if (problem) {
      if (!header.nonSync || !Number.isFinite(header.size)) {
        // No continuation is sent, so the client sends neither the literal nor the rest of the command.
        // (An endless "{n+}" cannot be skipped either; the caller should close such a connection.)
        const event: ReaderEvent = { kind: 'error', tag: this.tag, error: problem };
        this.resetCommand();
        return event;
      }
      // RFC 7888 §4: the octets of a rejected non-synchronizing literal still arrive and must be skipped.
      this.discardError = problem;
      this.state = { kind: 'discard-literal', remaining: header.size };
      return null;
    }
    if (!header.nonSync) {
      this.state = { kind: 'awaiting-decision', literal };
      return { kind: 'continue', head: this.head(), size: header.size, binary: header.binary };
    }
    return this.beginLiteral(literal);
  }

  private head(): FramedCommand {
    return { tag: this.tag, parts: [...this.parts] };
  }

  private beginLiteral(literal: PendingLiteral): ReaderEvent | null {
    this.state = { kind: 'literal', remaining: literal.size, ...literal, chunks: [] };
    if (!literal.streamed) return null;
    return { kind: 'literal-start', head: this.head(), size: literal.size, binary: literal.binary, index: this.streamedCount };
  }

  private readLiteral(state: State & { kind: 'literal' }): ReaderEvent | 'need-more' | null {
    if (state.remaining === 0) {
      this.state = { kind: 'line' };
      if (state.streamed) {
        this.parts.push({ kind: 'streamed', size: state.size, binary: state.binary, index: this.streamedCount++ });
        return { kind: 'literal-end' };
      }
      const data = state.chunks.length === 1 ? state.chunks[0] : Buffer.concat(state.chunks, state.size);
      this.parts.push({ kind: 'literal', data, binary: state.binary });
      this.commandBytes += data.length;
      return null;
    }
    const data = this.queue.take(state.remaining);
    if (data === null) return 'need-more';
    state.remaining -= data.length;
    if (state.streamed) return { kind: 'literal-chunk', data };
    state.chunks.push(data);
    return null;
  }

  private discardLine(): ReaderEvent | 'need-more' | null {
    for (;;) {
      const piece = this.queue.takeUntilLf();
      if (piece === null) return 'need-more';
      const combined = piece.data.length >= TAIL_KEPT + 2 ? piece.data : Buffer.concat([this.discardTail, piece.data]);
      // copied, so that the tail does not pin a large received chunk in memory
      this.discardTail = Buffer.from(combined.subarray(Math.max(0, combined.length - TAIL_KEPT - 2)));
      if (piece.found) {
        this.discardTail = withoutLineEnd(this.discardTail);
        return this.endDiscardedLine();
      }
    }
  }

  /** The skipped line has ended: skip a following "{n+}" literal too, else report the error. */
  private endDiscardedLine(): ReaderEvent | null {
    const header = this.lineMode ? null : findLiteralHeader(this.discardTail);
    this.discardTail = Buffer.alloc(0);
    if (header && header.nonSync && Number.isFinite(header.size)) {
      this.state = { kind: 'discard-literal', remaining: header.size };
      return null;
    }
    const error = this.discardError ?? this.tooLong();
    error.tag = this.tag;
    this.resetCommand();
    return { kind: 'error', tag: error.tag, error };
  }

  private resetCommand(): void {
    this.state = { kind: 'line' };
    this.parts = [];
    this.tag = null;
    this.commandName = '';
    this.commandBytes = 0;
    this.streamedCount = 0;
    this.discardError = null;
    this.lineMode = false;
  }
}

/** Strips the LF ending a line, and the CR before it: CRLF ends a line (RFC 3501 §2.2), a bare LF is
 *  accepted too, as Dovecot does. */
function withoutLineEnd(line: Buffer): Buffer {
  const end = line.length >= 2 && line[line.length - 2] === 0x0d ? line.length - 2 : line.length - 1;
  return line.subarray(0, Math.max(0, end));
}

/** Upper-case command name after the tag, looking through "UID" (RFC 3501 §6.4.8). */
function commandNameOf(line: Buffer): string {
  const words = line.toString('latin1', 0, Math.min(line.length, 64)).split(' ');
  const name = (words[1] ?? '').toUpperCase();
  return name === 'UID' ? (words[2] ?? '').toUpperCase() : name;
}
