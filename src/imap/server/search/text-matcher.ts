// Case-insensitive substring search over text that arrives in pieces (RFC 3501 §6.4.4: "substring" match):
// each piece is searched together with the tail of the previous one, so a match across pieces is found.

export function fold(text: string): string {
  return text.toLowerCase();
}

export class TextMatcher {
  private tail = '';
  private readonly keep: number;
  readonly found = new Set<string>();

  /** needles already folded */
  constructor(private readonly needles: readonly string[]) {
    this.keep = Math.max(0, ...needles.map((n) => n.length - 1));
  }

  get done(): boolean {
    return this.found.size === this.needles.length;
  }

  push(text: string): void {
    if (text.length === 0 || this.done) return;
    const window = this.tail + fold(text);
    for (const needle of this.needles) if (!this.found.has(needle) && window.includes(needle)) this.found.add(needle);
    this.tail = this.keep > 0 ? window.slice(-this.keep) : '';
  }

  /** a new, unrelated text begins (another part): no match may span the two */
  reset(): void {
    this.tail = '';
  }
}
