// One MIME part while a message is scanned: where it starts, how big its header and body are (in raw bytes,
// and as IMAP counts them with every line ending as CRLF), what kind it is, and what its header said.
// toBodyStructure() turns a finished tree into the JSON-serialisable BodyStructure of types.ts.
import type { BodyStructure, Envelope } from './types.ts';
import { emptyContentFields, emptyEnvelopeFields, type ContentFields } from './header-fields.ts';
import { asciiLower } from './ascii.ts';

export const PartFlag = {
  /** has Content-Type or MIME-Version, or is a part of a multipart: its Content-* fields count */
  Mime: 1,
  Text: 2,
  Rfc822: 4,
  Multipart: 8,
  Digest: 16,
  /** a MIME limit was reached here; the part is reported as application/octet-stream */
  Overflow: 32,
} as const;
export type PartFlag = (typeof PartFlag)[keyof typeof PartFlag];

export class Size {
  /** raw bytes */
  raw = 0;
  /** bytes with each bare LF counted as CRLF (what IMAP sizes report) */
  imap = 0;
  lines = 0;

  add(other: Size): void {
    this.raw += other.raw;
    this.imap += other.imap;
    this.lines += other.lines;
  }

  /** A line ending moves between parts; IMAP counts it as CRLF whatever it was. */
  moveLineEnd(to: Size, rawLength: number): void {
    this.raw -= rawLength;
    this.imap -= 2;
    this.lines--;
    to.raw += rawLength;
    to.imap += 2;
    to.lines++;
  }
}

export class Part {
  flags = 0;
  readonly header = new Size();
  readonly body = new Size();
  readonly children: Part[] = [];
  content: ContentFields = emptyContentFields();
  /** only for the top level and for the message inside a message/rfc822 part */
  readonly envelope: Envelope | null;

  constructor(readonly parent: Part | null, readonly headerStart: number) {
    this.envelope = parent === null || (parent.flags & PartFlag.Rfc822) !== 0 ? emptyEnvelopeFields() : null;
  }

  has(flag: PartFlag): boolean {
    return (this.flags & flag) !== 0;
  }

  /** A part whose Content-Type promised structure that a MIME limit cut off. */
  private isTruncated(): boolean {
    const { type, subtype } = this.content;
    if (type !== null) {
      const lower = asciiLower(type);
      return (lower === 'message' && asciiLower(subtype ?? '') === 'rfc822') || lower === 'multipart';
    }
    return this.parent !== null && this.parent.has(PartFlag.Digest);
  }

  toBodyStructure(): BodyStructure {
    const c = this.content;
    const bodyStart = this.headerStart + this.header.raw;
    const common = {
      params: c.params.length > 0 ? c.params : null,
      id: c.id,
      description: c.description,
      encoding: c.encoding ?? '7bit',
      size: this.body.imap,
      md5: c.md5,
      disposition: c.disposition === null ? null
        : { type: c.disposition, params: c.dispositionParams.length > 0 ? c.dispositionParams : null },
      language: c.language,
      location: c.location,
      offsets: { headerStart: this.headerStart, bodyStart, bodyEnd: bodyStart + this.body.raw },
    };
    if (this.has(PartFlag.Multipart)) {
      return {
        type: c.type ?? 'multipart', subtype: c.subtype ?? '', ...common,
        children: this.children.map((child) => child.toBodyStructure()),
      };
    }
    if (this.has(PartFlag.Rfc822)) {
      const inner = this.children[0];
      return {
        type: 'message', subtype: 'rfc822', ...common, lines: this.body.lines,
        message: { envelope: inner.envelope ?? emptyEnvelopeFields(), body: inner.toBodyStructure() },
      };
    }
    if (this.isTruncated()) return { type: 'application', subtype: 'octet-stream', ...common };
    const type = c.type ?? 'text';
    const subtype = c.type === null ? 'plain' : c.subtype ?? '';
    const text = asciiLower(type) === 'text';
    return text ? { type, subtype, ...common, lines: this.body.lines } : { type, subtype, ...common };
  }
}
