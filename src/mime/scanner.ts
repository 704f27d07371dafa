// Streaming MIME scanner: push() the raw bytes of one message in order, finish() returns its ENVELOPE and
// BODYSTRUCTURE with the byte offsets of every part. Memory stays bounded whatever the message size: only
// header blocks (capped), the boundary stack and counters are kept, never bodies.
//
// Structure follows RFC 2046 §5.1 read the way Dovecot reads it, malformed mail included: a boundary line
// matches by prefix, the newest boundary first, the longest match wins; the line ending before a boundary
// belongs to the boundary; a part header cut short by a boundary ends there; multipart/digest parts default
// to message/rfc822 (RFC 2046 §5.1.5); at most 100 nested and 10,000 parts in total.
import type { MimeInfo } from './types.ts';
import { LineSplitter, type Line } from './line-splitter.ts';
import { HeaderBlock, type HeaderField } from './header-block.ts';
import { applyContentField, applyEnvelopeField, contentTypeKind, emptyContentFields, emptyEnvelopeFields } from './header-fields.ts';
import { Part, PartFlag, type Size } from './part.ts';
import { findBoundary, type Boundary, type BoundaryMatch } from './boundaries.ts';

const MAX_NESTED_PARTS = 100;
const MAX_TOTAL_PARTS = 10000;
/** RFC 2046 allows 70 characters; longer boundaries are cut, and lines match by prefix anyway. */
const MAX_BOUNDARY_LENGTH = 80;
/** Bytes kept of one header block, and of all header blocks of a message (values past it are cut or
 * dropped; structure and sizes stay exact). */
const HEADER_BLOCK_BUDGET = 1024 * 1024;
const HEADER_MESSAGE_BUDGET = 16 * 1024 * 1024;
/** Bytes kept of a body line that may be a boundary: "--" + boundary + "--" and some. */
const BOUNDARY_LINE_HEAD = 100;

type Mode = 'header' | 'after-header' | 'body';

export class MimeScanner {
  private readonly splitter: LineSplitter;
  private readonly root = new Part(null, 0);
  private part = this.root;
  private mode: Mode = 'header';
  private headerBytesLeft = HEADER_MESSAGE_BUDGET;
  private header = this.newHeaderBlock();
  private readonly boundaries: Boundary[] = [];
  private nested = 0;
  private total = 1;
  private bareLf = 0;
  private finished = false;
  // per header block (Dovecot keeps these per parser; only one header block is open at a time)
  private seenContentType = false;
  private pendingBoundary: string | null = null;
  private multipartStarted = false;
  private lastHeaderLineEnd = 0;
  // per body
  private firstBodyLine = true;
  private lastBodyLineEnd = 0;

  constructor() {
    this.splitter = new LineSplitter({
      capFor: (firstByte) => this.capFor(firstByte),
      line: (line) => this.line(line),
    });
  }

  push(chunk: Buffer): void {
    if (this.finished) throw new Error('MimeScanner: push() after finish()');
    this.splitter.push(chunk);
  }

  finish(): MimeInfo {
    if (!this.finished) {
      this.finished = true;
      this.splitter.end();
      while (this.mode !== 'body') this.endHeader();
      while (this.part.parent !== null) this.finishPart();
    }
    return {
      envelope: this.root.envelope ?? emptyEnvelopeFields(),
      body: this.root.toBodyStructure(),
      bareLf: this.bareLf,
    };
  }

  private capFor(firstByte: number): number {
    if (this.mode === 'body') return this.boundaries.length > 0 && firstByte === 0x2d ? BOUNDARY_LINE_HEAD : 0;
    return Math.max(this.header.capFor(), BOUNDARY_LINE_HEAD);
  }

  private line(line: Line): void {
    if (line.lf && !line.crlf) this.bareLf++;
    this.dispatch(line);
  }

  private dispatch(line: Line): void {
    if (this.mode === 'body') this.bodyLine(line);
    else this.headerLine(line);
  }

  private headerLine(line: Line): void {
    const part = this.part;
    if (this.mode === 'header') this.header.settle(line);
    const blank = line.lf && line.length === (line.crlf ? 1 : 0);
    if (this.mode === 'header' && blank && this.pendingBoundary !== null && part.has(PartFlag.Mime)) {
      // the body is about to start: register the boundary now, so "--boundary" lines are told apart
      // from a parent's boundary with the same prefix
      if (this.nested + 1 < MAX_NESTED_PARTS) {
        this.boundaries.push({ part, text: this.pendingBoundary });
        this.pendingBoundary = null;
        this.multipartStarted = true;
      } else {
        part.flags = (part.flags | PartFlag.Overflow) & ~PartFlag.Multipart;
      }
    }
    const match = this.matchBoundary(line);
    if (match && match.boundary.part !== part) {
      // a boundary ends the header; the line ending before it belongs to the boundary
      if (this.lastHeaderLineEnd > 0 && part.parent) part.header.moveLineEnd(part.parent.body, this.lastHeaderLineEnd);
      this.endHeader();
      this.dispatch(line);
      return;
    }
    if (this.mode === 'after-header') {
      this.endHeader();
      this.dispatch(line);
      return;
    }
    if (this.header.line(line)) this.mode = 'after-header';
    this.addLine(part.header, line);
    this.lastHeaderLineEnd = lineEndLength(line);
  }

  private bodyLine(line: Line): void {
    const first = this.firstBodyLine;
    this.firstBodyLine = false;
    const match = this.matchBoundary(line);
    if (!match) {
      this.addLine(this.part.body, line);
      this.lastBodyLineEnd = lineEndLength(line);
      return;
    }
    const { boundary, epilogue } = match;
    if (!first && this.lastBodyLineEnd > 0) this.part.body.moveLineEnd(boundary.part.body, this.lastBodyLineEnd);
    while (this.part !== boundary.part) this.finishPart();
    const index = this.boundaries.indexOf(boundary);
    this.boundaries.length = epilogue ? index : index + 1;
    this.addLine(this.part.body, line);
    this.mode = 'body';
    this.firstBodyLine = true;
    this.lastBodyLineEnd = 0;
    if (!line.lf) return;
    const top = this.boundaries[this.boundaries.length - 1];
    if (top && top.part === this.part) this.startPart(PartFlag.Mime);
  }

  /** The boundary this line is, if any (RFC 2046 §5.1.1), with `epilogue` set when it is a close-delimiter. */
  private matchBoundary(line: Line): BoundaryMatch | null {
    if (this.boundaries.length === 0 || !line.head.startsWith('--')) return null;
    if (this.total >= MAX_TOTAL_PARTS) {
      this.part.flags |= PartFlag.Overflow;
      return null;
    }
    return findBoundary(this.boundaries, line);
  }

  private addLine(size: Size, line: Line): void {
    size.raw += line.length + (line.lf ? 1 : 0);
    size.imap += line.length + (line.lf ? (line.crlf ? 1 : 2) : 0);
    if (line.lf) size.lines++;
  }

  private startPart(flags: number): void {
    const parent = this.part;
    const part = new Part(parent, parent.headerStart + parent.header.raw + parent.body.raw);
    part.flags = flags;
    parent.children.push(part);
    this.part = part;
    this.nested++;
    this.total++;
    this.mode = 'header';
    this.header = this.newHeaderBlock();
    this.seenContentType = false;
    this.pendingBoundary = null;
    this.multipartStarted = false;
    this.lastHeaderLineEnd = 0;
  }

  private finishPart(): void {
    const part = this.part;
    const parent = part.parent;
    if (!parent) return;
    parent.body.add(part.body);
    parent.body.add(part.header);
    this.nested--;
    this.part = parent;
  }

  private endHeader(): void {
    const part = this.part;
    this.header.flush();
    this.headerBytesLeft -= this.header.used;
    if (!part.has(PartFlag.Mime)) {
      // without MIME-Version or Content-Type, Content-* fields mean nothing (RFC 2045 §4)
      part.flags = 0;
      part.content = emptyContentFields();
    }
    this.pendingBoundary = null;
    if (!this.seenContentType || !part.has(PartFlag.Mime)) {
      part.flags |= part.parent?.has(PartFlag.Digest) ? PartFlag.Rfc822 : PartFlag.Text;
    }
    this.mode = 'body';
    this.firstBodyLine = true;
    this.lastBodyLineEnd = 0;
    if (this.multipartStarted) {
      this.multipartStarted = false;
    } else if (part.has(PartFlag.Rfc822)) {
      if (this.nested + 1 < MAX_NESTED_PARTS && this.total < MAX_TOTAL_PARTS) this.startPart(0);
      else part.flags = (part.flags | PartFlag.Overflow) & ~PartFlag.Rfc822;
    }
  }

  private newHeaderBlock(): HeaderBlock {
    return new HeaderBlock({
      fieldStart: (key) => {
        if (key === 'mime-version' || key === 'content-type') this.part.flags |= PartFlag.Mime;
      },
      field: (field) => this.headerField(field),
    }, Math.min(HEADER_BLOCK_BUDGET, Math.max(this.headerBytesLeft, 0)));
  }

  private headerField({ key, value }: HeaderField): void {
    const part = this.part;
    if (key === 'content-type' && !this.seenContentType) {
      this.seenContentType = true;
      const kind = contentTypeKind(value);
      if (kind.kind === 'message/rfc822') part.flags |= PartFlag.Rfc822;
      else if (kind.kind === 'text') part.flags |= PartFlag.Text;
      else if (kind.kind === 'multipart') {
        part.flags |= PartFlag.Multipart | (kind.digest ? PartFlag.Digest : 0);
        if (kind.boundary !== null) this.pendingBoundary = kind.boundary.slice(0, MAX_BOUNDARY_LENGTH);
      }
    }
    if (key.startsWith('content-')) applyContentField(part.content, key, value);
    if (part.envelope) applyEnvelopeField(part.envelope, key, value);
  }
}

function lineEndLength(line: Line): number {
  return line.lf ? (line.crlf ? 2 : 1) : 0;
}
