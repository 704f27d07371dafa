// Flags in mbox files travel in headers: Status (R = \Seen, O = no longer \Recent), X-Status (A = \Answered,
// F = \Flagged, T = \Draft, D = \Deleted) and X-Keywords (space-separated keywords), as mutt, Dovecot and
// Thunderbird write them.
//
// Byte-exactness choice: a message's own bytes must come back unchanged after mailferry → mbox → mailferry.
// So our export puts its flag headers in a block right after the From line, opened by a marker header
//     X-Mailferry-Mbox: added=Status,X-Status,X-Keywords; final-newline=n
// that names the header lines that follow it and were added by us, and says whether the message ended with a
// newline (y) or lacked one (n: the export appended it, since mbox needs one before the blank separator line).
// The y/n is one byte at a fixed place so the writer can stream the message and set it afterwards. Our import
// strips the marker and then, among the lines right after it, each named header at most once, stopping at the
// first other line: if another program (Dovecot drops X-Keywords it does not know) removed one of ours, the
// message's own headers are still left alone.
export const MARKER_NAME = 'X-Mailferry-Mbox';

export interface MarkerInfo {
  /** lower-case names of the header lines after the marker that our export added */
  added: string[];
  /** the message did not end with a newline; the export appended one */
  finalNewline: boolean;
}

export function formatMarker(info: MarkerInfo): string {
  return `${MARKER_NAME}: added=${info.added.join(',')}; final-newline=${info.finalNewline ? 'y' : 'n'}\n`;
}

/** offset of the y/n byte from the end of a formatted marker line */
export const FINAL_NEWLINE_FLAG_FROM_END = 2;

/** Reads a marker header line (text without line ending); undefined when the line is not our marker. */
export function parseMarker(line: string): MarkerInfo | undefined {
  const match = /^X-Mailferry-Mbox: added=([\w,-]*); final-newline=([yn])\r?$/i.exec(line);
  if (!match) return undefined;
  const added = match[1]!.split(',').filter((name) => name !== '').map((name) => name.toLowerCase());
  return { added, finalNewline: match[2]!.toLowerCase() === 'y' };
}

/** The header name of a line ("X-Status: AF" → "x-status"), lower-case; undefined for a continuation line. */
export function headerNameOf(line: string): string | undefined {
  const match = /^([^\s:]+)[ \t]*:/.exec(line);
  return match ? match[1]!.toLowerCase() : undefined;
}

const X_STATUS_LETTERS: Array<[string, string]> = [['A', '\\Answered'], ['F', '\\Flagged'], ['T', '\\Draft'], ['D', '\\Deleted']];

/** The flag header lines our export writes for these flags: names and lines (each with LF). */
export function formatFlagHeaders(flags: string[]): { names: string[]; lines: string[] } {
  const lower = new Set(flags.map((flag) => flag.toLowerCase()));
  const status = `${lower.has('\\seen') ? 'R' : ''}O`;
  const xStatus = X_STATUS_LETTERS.filter(([, flag]) => lower.has(flag.toLowerCase())).map(([letter]) => letter).join('');
  const keywords = flags.filter((flag) => !flag.startsWith('\\'));
  const names = ['Status', 'X-Status'];
  const lines = [`Status: ${status}\n`, `X-Status: ${xStatus}\n`];
  if (keywords.length > 0) {
    names.push('X-Keywords');
    lines.push(`X-Keywords: ${keywords.join(' ')}\n`);
  }
  return { names, lines };
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
