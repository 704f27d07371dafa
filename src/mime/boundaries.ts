// Which open multipart a "--..." line belongs to (RFC 2046 §5.1.1). Like Dovecot: newest boundary first,
// a line only has to start with the boundary, and when several boundaries are prefixes of the line the
// longest one wins ("--foo--" may close "foo" or continue a boundary named "foo--").
import type { Line } from './line-splitter.ts';
import type { Part } from './part.ts';

export interface Boundary {
  part: Part;
  text: string;
}

export interface BoundaryMatch {
  boundary: Boundary;
  /** the line is the close-delimiter "--boundary--": the multipart ends, its epilogue follows */
  epilogue: boolean;
}

/** `line.head` must start with "--". */
export function findBoundary(open: readonly Boundary[], line: Line): BoundaryMatch | null {
  const data = line.head.slice(2);
  const size = (line.crlf ? line.length - 1 : line.length) - 2;
  const content = line.crlf ? line.tail.slice(0, -1) : line.tail;
  const trailingDashes = line.lf && size > 2 && content.endsWith('--');
  let best: Boundary | null = null;
  for (let i = open.length - 1; i >= 0; i--) {
    const b = open[i];
    const len = b.text.length;
    if (len > size || !data.startsWith(b.text) || (best !== null && best.text.length >= len)) continue;
    best = b;
    if (len === size || (len === size - 2 && trailingDashes)) break; // exactly this boundary
  }
  if (best === null) return null;
  return { boundary: best, epilogue: data.startsWith('--', best.text.length) };
}
