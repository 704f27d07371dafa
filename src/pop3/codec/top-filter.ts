// TOP msg n (RFC 1939 §7): the header, the blank line that ends it, then the first n lines of the body.
// Streaming: passes through slices of the chunks it gets and says when it has seen enough, so the caller can
// stop reading the blob. Lines end at LF (bare or CRLF), as in the DotStuffer.

const LF = 0x0a;
const CR = 0x0d;

type Phase =
  /** inside the header; `lineLength` counts bytes of the current header line before any CR */
  | { kind: 'header'; lineLength: number }
  | { kind: 'body'; linesLeft: number }
  | { kind: 'done' };

export class TopFilter {
  private phase: Phase;

  constructor(private readonly bodyLines: number) {
    this.phase = { kind: 'header', lineLength: 0 };
  }

  get done(): boolean {
    return this.phase.kind === 'done';
  }

  /** The part of `chunk` that belongs to the TOP output (possibly empty). */
  filter(chunk: Buffer): Buffer {
    let i = 0;
    while (i < chunk.length) {
      const phase = this.phase;
      if (phase.kind === 'done') return chunk.subarray(0, i);
      if (phase.kind === 'header') {
        const byte = chunk[i];
        if (byte === LF) {
          // an empty line (only CR before the LF, or nothing) ends the header
          if (phase.lineLength === 0) this.phase = this.bodyLines > 0 ? { kind: 'body', linesLeft: this.bodyLines } : { kind: 'done' };
          else phase.lineLength = 0;
        } else if (byte !== CR) {
          phase.lineLength += 1;
        }
        i += 1;
        continue;
      }
      const lf = chunk.indexOf(LF, i);
      if (lf < 0) return chunk;
      i = lf + 1;
      phase.linesLeft -= 1;
      if (phase.linesLeft === 0) this.phase = { kind: 'done' };
    }
    return chunk;
  }
}
