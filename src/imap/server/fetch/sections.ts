// Where a BODY[section] lies in the raw message (RFC 3501 §6.4.5): part numbers walk the BODYSTRUCTURE computed
// at ingest, whose byte offsets say where each part's header and body are, so nothing is re-parsed. Each range
// also says how many bare LFs it holds when the structure's sizes tell (wire sizes count them twice).
import type { Section } from '../../codec/index.ts';
import type { BodyStructure, MimeInfo } from '../../../mime/types.ts';
import type { RawRange } from './section-bytes.ts';

/**
 * A byte range of the message, or a header block to be filtered by field names (HEADER.FIELDS[.NOT]); for the
 * latter the range is where the header starts and the furthest it may run (the end of its part).
 */
export type SectionTarget =
  | { kind: 'range'; range: RawRange }
  | { kind: 'header-fields'; range: RawRange; fields: string[]; exclude: boolean };

/**
 * The part a section path names. RFC 3501 §6.4.5: every message has part 1 (its body when not multipart);
 * the parts of a multipart are numbered from 1; a message/rfc822 part's own parts continue its path.
 */
export function findPart(root: BodyStructure, path: readonly number[]): BodyStructure | null {
  let node = root;
  let isMessageBody = true; // node is the body of a message (the top one, or one encapsulated)
  for (const number of path) {
    if (!isMessageBody && node.message) {
      node = node.message.body;
      isMessageBody = true;
    }
    if (node.children) {
      const child = node.children[number - 1];
      if (!child) return null;
      node = child;
      isMessageBody = false;
    } else if (isMessageBody && number === 1) {
      isMessageBody = false;
    } else {
      return null;
    }
  }
  return node;
}

class RangeMaker {
  /** no bare LF anywhere in the message: every range is exact without counting */
  private readonly clean: boolean;

  constructor(private readonly mime: MimeInfo, private readonly size: number) {
    this.clean = (mime.bareLf ?? 0) === 0;
  }

  range(start: number, end: number, bareLf: number | null): RawRange {
    const e = Math.min(end, this.size);
    const s = Math.min(start, e);
    return { start: s, end: e, bareLf: this.clean ? 0 : bareLf !== null && bareLf >= 0 ? bareLf : null };
  }

  /** bare LFs of a part's body: its IMAP size counts each one twice */
  bodyBareLf(part: BodyStructure): number | null {
    const extra = part.size - (part.offsets.bodyEnd - part.offsets.bodyStart);
    return extra >= 0 ? extra : null;
  }

  whole(): RawRange {
    return this.range(0, this.size, this.mime.bareLf ?? 0);
  }

  rootHeader(): RawRange {
    const root = this.mime.body;
    const body = this.bodyBareLf(root);
    const exact = body !== null && root.offsets.bodyEnd >= this.size;
    return this.range(0, root.offsets.bodyStart, exact ? (this.mime.bareLf ?? 0) - body : null);
  }

  rootText(): RawRange {
    const root = this.mime.body;
    return this.range(root.offsets.bodyStart, this.size, root.offsets.bodyEnd >= this.size ? this.bodyBareLf(root) : null);
  }
}

function headerOrText(header: RawRange, text: RawRange, section: Section): SectionTarget {
  switch (section.text) {
    case 'HEADER':
      return { kind: 'range', range: header };
    case 'TEXT':
      return { kind: 'range', range: text };
    case 'HEADER.FIELDS':
    case 'HEADER.FIELDS.NOT':
      // read from the header's start up to its blank line, which may lie past what the structure calls the
      // header when the blank line is missing (see header-fields.ts)
      return {
        kind: 'header-fields', range: { start: header.start, end: text.end, bareLf: null },
        fields: section.fields ?? [], exclude: section.text === 'HEADER.FIELDS.NOT',
      };
    default:
      return { kind: 'range', range: { start: header.start, end: text.end, bareLf: null } };
  }
}

/** The bytes a section names, or null when the message has no such part. */
export function locateSection(mime: MimeInfo, size: number, section: Section): SectionTarget | null {
  const ranges = new RangeMaker(mime, size);
  if (section.part.length === 0) {
    if (section.text === null) return { kind: 'range', range: ranges.whole() };
    return headerOrText(ranges.rootHeader(), ranges.rootText(), section);
  }
  const part = findPart(mime.body, section.part);
  if (!part) return null;
  const { headerStart, bodyStart, bodyEnd } = part.offsets;
  if (section.text === null) return { kind: 'range', range: ranges.range(bodyStart, bodyEnd, ranges.bodyBareLf(part)) };
  if (section.text === 'MIME') return { kind: 'range', range: ranges.range(headerStart, bodyStart, null) };
  // HEADER, TEXT and HEADER.FIELDS of a part are those of the message it encapsulates (message/rfc822);
  // for any other part they are read from the part's own MIME header and body.
  const inner = part.message?.body;
  if (inner) {
    const o = inner.offsets;
    return headerOrText(ranges.range(o.headerStart, o.bodyStart, null), ranges.range(o.bodyStart, o.bodyEnd, ranges.bodyBareLf(inner)), section);
  }
  return headerOrText(ranges.range(headerStart, bodyStart, null), ranges.range(bodyStart, bodyEnd, ranges.bodyBareLf(part)), section);
}
