// Flags in mbox files travel in headers: Status (R = \Seen, O = no longer \Recent), X-Status (A = \Answered,
// F = \Flagged, T = \Draft, D = \Deleted) and X-Keywords (space-separated keywords), as mutt, Dovecot and
// Thunderbird write them.
//
// Byte-exactness choice: a message's own bytes must come back unchanged after mailferry → mbox → mailferry.
// So our export puts its flag headers in a block right after the From line, opened by a marker header
//     X-Mailferry-Mbox: added=3; final-newline=n
// that says how many header lines follow it that we added, and whether the message ended with a newline (y)
// or lacked one (n: the export appended it, since mbox needs one before the blank separator line). The
// y/n is one byte at a fixed place so the writer can stream the message and set it afterwards. Our import strips exactly the marker and those lines and
// takes flags from them. An mbox written by anything else has no marker: its Status / X-Status / X-Keywords
// headers give the flags but stay in the stored bytes, because they are part of the message as found.

export const MARKER_NAME = 'X-Mailferry-Mbox';

export interface MarkerInfo {
  /** header lines after the marker that our export added */
  added: number;
  /** the message did not end with a newline; the export appended one */
  finalNewline: boolean;
}

export function formatMarker(info: MarkerInfo): string {
  return `${MARKER_NAME}: added=${info.added}; final-newline=${info.finalNewline ? 'y' : 'n'}\n`;
}

/** offset of the y/n byte from the end of a formatted marker line */
export const FINAL_NEWLINE_FLAG_FROM_END = 2;

/** Reads a marker header line (text without line ending); undefined when the line is not our marker. */
export function parseMarker(line: string): MarkerInfo | undefined {
  const match = /^X-Mailferry-Mbox: added=(\d+); final-newline=([yn])\r?$/i.exec(line);
  if (!match) return undefined;
  return { added: Number(match[1]), finalNewline: match[2]!.toLowerCase() === 'y' };
}

const X_STATUS_LETTERS: Array<[string, string]> = [['A', '\\Answered'], ['F', '\\Flagged'], ['T', '\\Draft'], ['D', '\\Deleted']];

/** The flag header lines our export writes for these flags (each with LF). */
export function formatFlagHeaders(flags: string[]): string[] {
  const lower = new Set(flags.map((flag) => flag.toLowerCase()));
  const status = `${lower.has('\\seen') ? 'R' : ''}O`;
  const xStatus = X_STATUS_LETTERS.filter(([, flag]) => lower.has(flag.toLowerCase())).map(([letter]) => letter).join('');
  const keywords = flags.filter((flag) => !flag.startsWith('\\'));
  const lines = [`Status: ${status}\n`, `X-Status: ${xStatus}\n`];
  if (keywords.length > 0) lines.push(`X-Keywords: ${keywords.join(' ')}\n`);
  return lines;
}

/** Collects flags from header lines as they are read; first Status / X-Status / X-Keywords of each wins. */
export class FlagHeaderCollector {
  private status?: string;
  private xStatus?: string;
  private keywords?: string;
  private lastWasKeywords = false;

  /** feed one header line (latin1 text without line ending) */
  add(line: string): void {
    if (/^[ \t]/.test(line)) {
      if (this.lastWasKeywords) this.keywords += ` ${line.trim()}`;
      return;
    }
    this.lastWasKeywords = false;
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') this.status ??= value;
    else if (name === 'x-status') this.xStatus ??= value;
    else if (name === 'x-keywords' && this.keywords === undefined) {
      this.keywords = value;
      this.lastWasKeywords = true;
    }
  }

  flags(): string[] {
    const flags: string[] = [];
    if (this.status?.includes('R')) flags.push('\\Seen');
    for (const [letter, flag] of X_STATUS_LETTERS) if (this.xStatus?.includes(letter)) flags.push(flag);
    for (const keyword of (this.keywords ?? '').split(/\s+/)) {
      if (keyword !== '' && !flags.includes(keyword)) flags.push(keyword);
    }
    return flags;
  }
}
