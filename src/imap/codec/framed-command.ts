import { TAG_CHAR } from './chars.ts';

// A command as the reader frames it: the text of its lines and the literals between them, not yet parsed.
// Parts alternate text, literal, text, …, text: each text part but the last ended with a literal header
// ("{n}", "{n+}" or "~{n}", RFC 3501 §4.3, RFC 7888, RFC 3516 §4.2) which the reader has removed, together
// with the line's CRLF.

export interface TextPart {
  kind: 'text';
  data: Buffer;
}

/** A literal small enough to be held in memory. `binary` marks a literal8 (~{n}, RFC 3516). */
export interface LiteralPart {
  kind: 'literal';
  data: Buffer;
  binary: boolean;
}

/**
 * A literal that was handed to the caller as `literal-chunk` events instead of being buffered.
 * `index` counts streamed literals within the command from 0, so the caller can match its staged data.
 */
export interface StreamedPart {
  kind: 'streamed';
  size: number;
  binary: boolean;
  index: number;
}

export type CommandPart = TextPart | LiteralPart | StreamedPart;

export interface FramedCommand {
  /** the tag as read from the first line, or null when it is missing or not a valid tag */
  tag: string | null;
  parts: CommandPart[];
}

/** The tag at the start of a command's first line, or null when it is missing or has a forbidden byte. */
export function readTag(firstLine: Buffer): string | null {
  const space = firstLine.indexOf(0x20);
  const end = space < 0 ? firstLine.length : space;
  if (end === 0) return null;
  for (let i = 0; i < end; i++) if (TAG_CHAR[firstLine[i]] !== 1) return null;
  return firstLine.toString('latin1', 0, end);
}

/** Frames a single-line command with no literals, e.g. for tests: `framedFromText('a1 NOOP')`. */
export function framedFromText(line: string): FramedCommand {
  const data = Buffer.from(line, 'utf8');
  return { tag: readTag(data), parts: [{ kind: 'text', data }] };
}
