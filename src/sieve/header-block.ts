// The header block of a raw message (RFC 5322 §2.2): fields with their raw bytes, unfolded values, and the
// offset where the body starts. Reads bytes as latin1 so 8-bit headers survive byte-exact; nothing here
// decodes or rewrites what it does not have to.

export interface HeaderField {
  /** as written, without the colon */
  name: string;
  /** the value unfolded (CRLF + WSP → WSP), leading white space removed */
  value: string;
  /** byte range of the whole field, folded lines and final line ending included */
  start: number;
  end: number;
}

export interface HeaderBlock {
  fields: HeaderField[];
  /** byte offset of the first body byte (after the empty line), or the end when there is no body */
  bodyStart: number;
  /** false when the bytes ended before the empty line (the block may be cut short) */
  complete: boolean;
}

/** Parses the header block at the start of `bytes` (give at least the whole header block). */
export function parseHeaderBlock(bytes: Buffer): HeaderBlock {
  const text = bytes.toString('latin1');
  const fields: HeaderField[] = [];
  let pos = 0;
  let current: { name: string; start: number; lines: string[] } | null = null;
  const close = (end: number) => {
    if (!current) return;
    const value = current.lines.join('').replace(/^[ \t]+/, '');
    fields.push({ name: current.name, value, start: current.start, end });
    current = null;
  };
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(pos, newline === -1 ? text.length : newline).replace(/\r$/, '');
    if (line === '') {
      close(pos);
      return { fields, bodyStart: lineEnd, complete: true };
    }
    if ((line[0] === ' ' || line[0] === '\t') && current) {
      (current as { lines: string[] }).lines.push(line);
    } else {
      close(pos);
      const colon = line.indexOf(':');
      // a line that is no field (no colon, or a space in the name) stays part of the block but names nothing
      current = colon > 0 && !/[\s]/.test(line.slice(0, colon)) ? { name: line.slice(0, colon), start: pos, lines: [line.slice(colon + 1)] } : null;
    }
    pos = lineEnd;
  }
  close(pos);
  return { fields, bodyStart: text.length, complete: false };
}

/** Values of every field with this name (case-insensitive), in order. */
export function headerValues(block: HeaderBlock, name: string): string[] {
  const lower = name.toLowerCase();
  return block.fields.filter((field) => field.name.toLowerCase() === lower).map((field) => field.value);
}
