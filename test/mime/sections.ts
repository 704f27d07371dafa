// IMAP section numbers (RFC 3501 §6.4.5) of every part of a scanned message, with the byte ranges our
// offsets say each section covers, so a test can fetch the same sections from a server and compare.
import type { BodyStructure } from '../../src/mime/types.ts';

export interface SectionRange {
  /** e.g. "1.2", "1.2.MIME", "3.HEADER", "3.TEXT" */
  section: string;
  start: number;
  end: number;
}

/** Every section of a message whose top-level body is `root`. */
export function sectionsOf(root: BodyStructure): SectionRange[] {
  const out: SectionRange[] = [];
  messageSections(root, '', out);
  return out;
}

/** The parts of one message (top level, or encapsulated in a message/rfc822 part at `prefix`). */
function messageSections(body: BodyStructure, prefix: string, out: SectionRange[]): void {
  if (body.children) {
    body.children.forEach((child, i) => partSections(child, `${prefix}${i + 1}`, out));
  } else {
    // a single-part message is its own part 1; its header is the message header, so no .MIME here
    const section = `${prefix}1`;
    out.push({ section, start: body.offsets.bodyStart, end: body.offsets.bodyEnd });
    if (body.message) encapsulated(body, section, out);
  }
}

function partSections(part: BodyStructure, section: string, out: SectionRange[]): void {
  const { headerStart, bodyStart, bodyEnd } = part.offsets;
  out.push({ section, start: bodyStart, end: bodyEnd });
  out.push({ section: `${section}.MIME`, start: headerStart, end: bodyStart });
  if (part.children) part.children.forEach((child, i) => partSections(child, `${section}.${i + 1}`, out));
  if (part.message) encapsulated(part, section, out);
}

function encapsulated(part: BodyStructure, section: string, out: SectionRange[]): void {
  const inner = part.message!.body;
  out.push({ section: `${section}.HEADER`, start: inner.offsets.headerStart, end: inner.offsets.bodyStart });
  out.push({ section: `${section}.TEXT`, start: inner.offsets.bodyStart, end: inner.offsets.bodyEnd });
  messageSections(inner, `${section}.`, out);
}

/** What Dovecot sends in BODY[...] for raw bytes: every bare LF as CRLF, every NUL as 0x80. */
export function asImapText(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/(?<!\r)\n/g, '\r\n').replace(/\0/g, '\x80'), 'latin1');
}
