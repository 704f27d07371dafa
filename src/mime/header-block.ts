// One header block (RFC 5322 §2.2): physical lines in, unfolded fields out. A field is complete when the
// next line does not start with SP/TAB. Values follow Dovecot's reading: whitespace after the colon is
// dropped (all of it, or one character when the value is only whitespace), folds are kept as "\n" + the
// continuation line without CR, a line without colon is a field with an empty name, and an empty line
// ends the block.
import type { Line } from './line-splitter.ts';
import { asciiLower, cName } from './ascii.ts';

/** Field names whose values the MIME scanner reads; other fields only need their names. */
const WANTED = new Set([
  'mime-version', 'date', 'subject', 'from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'in-reply-to', 'message-id',
]);

/** Header names longer than this are treated as part of the value (RFC 5322 §2.1.1 line limit). */
const MAX_NAME_LENGTH = 1000;

export interface HeaderField {
  name: string;
  /** ASCII-lower-cased name, cut at a NUL byte, for comparisons */
  key: string;
  value: string;
}

export interface HeaderListener {
  /** the first line of a field, before its value is complete */
  fieldStart(key: string): void;
  field(field: HeaderField): void;
}

export class HeaderBlock {
  private pending: HeaderField | null = null;
  private continuable = false;
  private budget: number;

  /** `budget`: bytes of field values this block may keep; past it, fields are only recognised by name. */
  constructor(private readonly listener: HeaderListener, private readonly initialBudget: number) {
    this.budget = initialBudget;
  }

  /** How many bytes of the next line to keep. */
  capFor(): number {
    return Math.max(this.budget, 0);
  }

  /** Bytes of the budget used so far. */
  get used(): number {
    return this.initialBudget - Math.max(this.budget, 0);
  }

  /** Completes the pending field when `line` does not continue it (call before acting on the line). */
  settle(line: Line): boolean {
    const first = line.head.charCodeAt(0);
    const continued = this.continuable && (first === 0x20 || first === 0x09);
    if (!continued) this.flush();
    return continued;
  }

  /** Feeds one line of the block; returns true when it is the empty line that ends the block. */
  line(line: Line): boolean {
    const text = line.crlf && line.head.length === line.length ? line.head.slice(0, -1) : line.head;
    const contentLength = line.length - (line.crlf ? 1 : 0);
    const keep = this.budget > 0;
    this.budget -= line.head.length;
    const continued = this.settle(line);
    this.continuable = line.lf;
    if (!continued && contentLength === 0 && line.lf) {
      this.continuable = false;
      return true;
    }
    if (continued) {
      if (this.pending && keep) this.pending.value += `\n${text}`;
      return false;
    }
    const field = splitField(text);
    this.listener.fieldStart(field.key);
    if (keep && (field.key.startsWith('content-') || WANTED.has(field.key))) this.pending = field;
    return false;
  }

  /** Completes the last field (end of block, or the block cut short by a boundary or the end of input). */
  flush(): void {
    const field = this.pending;
    this.pending = null;
    if (field) this.listener.field(field);
  }
}

function splitField(text: string): HeaderField {
  const colon = text.indexOf(':');
  if (colon < 0) return { name: '', key: '', value: text };
  let nameEnd = colon;
  while (nameEnd > 0 && (text[nameEnd - 1] === ' ' || text[nameEnd - 1] === '\t')) nameEnd--;
  if (nameEnd > MAX_NAME_LENGTH) return { name: '', key: '', value: text };
  const raw = text.slice(colon + 1);
  let skip = 0;
  while (skip < raw.length && (raw[skip] === ' ' || raw[skip] === '\t')) skip++;
  if (skip === raw.length && raw.length > 0) skip = 1; // a value of only whitespace keeps all but one
  const name = text.slice(0, nameEnd);
  return { name, key: asciiLower(cName(name)), value: raw.slice(skip) };
}
