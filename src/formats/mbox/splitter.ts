// Finds the messages of an mbox file in one streaming pass, keeping only the current line's first bytes.
// A message starts at a "From " line that opens the file or follows a blank line and carries a readable date
// (RFC 4155 §2); in well-formed mboxrd every other "From " is quoted, and the blank-line and date checks keep
// a stray unquoted "From " in a foreign file's body from splitting a message. Each message is reported as the
// byte range of its content — From line, our marker block and the blank separator line excluded — plus its
// flags, so it can later be streamed from the file by range.
import { FlagHeaderCollector, headerNameOf, parseMarker, type MarkerInfo } from './flag-headers.ts';
import { parseFromLine, type FromLine } from './from-line.ts';

const LF = 0x0a;
const CR = 0x0d;
/** bytes of a line kept for header parsing; longer header lines are read truncated */
const LINE_PREFIX_MAX = 4096;

export interface MboxMessageRange {
  /** byte offset of the From line */
  fromOffset: number;
  fromLine: string;
  from: FromLine;
  /** content bytes [start, end) in the file, still From-quoted */
  start: number;
  end: number;
  flags: string[];
}

export class NotMboxError extends Error {
  override name = 'NotMboxError';
}

interface OpenMessage {
  fromOffset: number;
  fromLine: string;
  from: FromLine;
  start: number;
  inHeader: boolean;
  headerLines: number;
  marker?: MarkerInfo;
  /** names of our added headers not yet met; the block ends at the first line that is not one of them */
  markerNamesLeft?: Set<string>;
  collector: FlagHeaderCollector;
}

function isFromPrefix(buf: Buffer, s: number, e: number): boolean {
  return e - s >= 5 && buf[s] === 0x46 && buf[s + 1] === 0x72 && buf[s + 2] === 0x6f && buf[s + 3] === 0x6d && buf[s + 4] === 0x20;
}

function lineText(buf: Buffer, s: number, e: number): string {
  let end = e;
  if (end > s && buf[end - 1] === LF) end--;
  if (end > s && buf[end - 1] === CR) end--;
  return buf.toString('latin1', s, end);
}

export class MboxSplitter {
  private offset = 0;
  private lineStart = 0;
  private lineLength = 0;
  private prefixParts: Buffer[] = [];
  private prefixLength = 0;
  private previousBlank = false;
  private previousLength = 0;
  private current?: OpenMessage;
  private done: MboxMessageRange[] = [];

  /** feeds the next bytes of the file; returns the messages completed by them */
  push(chunk: Buffer): MboxMessageRange[] {
    let position = 0;
    while (position < chunk.length) {
      const newline = chunk.indexOf(LF, position);
      const end = newline < 0 ? chunk.length : newline + 1;
      if (newline >= 0 && this.lineLength === 0) {
        // whole line inside this chunk: no copy
        this.completeLine(chunk, position, Math.min(end, position + LINE_PREFIX_MAX), end - position);
      } else {
        if (this.prefixLength < LINE_PREFIX_MAX) {
          const take = Math.min(end - position, LINE_PREFIX_MAX - this.prefixLength);
          this.prefixParts.push(Buffer.from(chunk.subarray(position, position + take)));
          this.prefixLength += take;
        }
        this.lineLength += end - position;
        if (newline >= 0) this.completeBufferedLine();
      }
      position = end;
    }
    this.offset += chunk.length;
    return this.take();
  }

  /** end of file: returns the last message */
  finish(): MboxMessageRange[] {
    if (this.lineLength > 0) this.completeBufferedLine();
    this.closeMessage(this.offset);
    return this.take();
  }

  private take(): MboxMessageRange[] {
    const done = this.done;
    this.done = [];
    return done;
  }

  private completeBufferedLine(): void {
    const prefix = Buffer.concat(this.prefixParts);
    const length = this.lineLength;
    this.prefixParts = [];
    this.prefixLength = 0;
    this.lineLength = 0;
    this.completeLine(prefix, 0, prefix.length, length);
  }

  /** one line: `buf[s, e)` holds its first bytes, `length` its full length including the LF */
  private completeLine(buf: Buffer, s: number, e: number, length: number): void {
    const start = this.lineStart;
    this.lineStart += length;
    const blank = (length === 1 && buf[s] === LF) || (length === 2 && buf[s] === CR && buf[s + 1] === LF);
    if (isFromPrefix(buf, s, e) && (start === 0 || this.previousBlank)) {
      const text = lineText(buf, s, e);
      const from = parseFromLine(text);
      if (from !== undefined && (start === 0 || from.date !== undefined)) {
        this.closeMessage(start);
        this.openMessage(start, text, from, start + length);
        this.previousBlank = false;
        this.previousLength = length;
        return;
      }
    }
    if (start === 0) throw new NotMboxError('not an mbox file: it does not start with a "From " line');
    this.headerLine(buf, s, e, blank, start + length);
    this.previousBlank = blank;
    this.previousLength = length;
  }

  private openMessage(fromOffset: number, fromLine: string, from: FromLine, start: number): void {
    this.current = {
      fromOffset, fromLine, from, start, inHeader: true, headerLines: 0,
      collector: new FlagHeaderCollector(),
    };
  }

  private headerLine(buf: Buffer, s: number, e: number, blank: boolean, lineEnd: number): void {
    const message = this.current;
    if (message === undefined || !message.inHeader) return;
    if (blank) {
      message.inHeader = false;
      return;
    }
    const text = lineText(buf, s, e);
    const marker = message.headerLines === 0 ? parseMarker(text) : undefined;
    message.headerLines++;
    if (marker !== undefined) {
      message.marker = marker;
      message.markerNamesLeft = new Set(marker.added);
      message.start = lineEnd;
      return;
    }
    if (message.marker === undefined) {
      message.collector.add(text);
      return;
    }
    const name = headerNameOf(text);
    if (name !== undefined && message.markerNamesLeft?.delete(name)) {
      message.collector.add(text);
      message.start = lineEnd;
    } else {
      message.markerNamesLeft = undefined;
    }
  }

  /** the message ends where the next From line starts (or at end of file) */
  private closeMessage(nextStart: number): void {
    const message = this.current;
    if (message === undefined) return;
    this.current = undefined;
    let end = nextStart;
    // the blank line before the next From line (or closing the file) is the separator, not content
    if (this.previousBlank && end - this.previousLength >= message.start) {
      end -= this.previousLength;
    }
    // our export appended a newline to a message that had none (see flag-headers.ts)
    if (message.marker?.finalNewline === false && end > message.start) end--;
    this.done.push({
      fromOffset: message.fromOffset, fromLine: message.fromLine, from: message.from,
      start: message.start, end, flags: message.collector.flags(),
    });
  }
}
