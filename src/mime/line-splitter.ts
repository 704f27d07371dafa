// Cuts a byte stream into lines without holding any whole line: each line reports its offset, its length,
// how it ended, its last bytes, and at most `cap` of its first bytes (the consumer sets the cap per line,
// so body lines cost a few bytes however long they are).

export interface Line {
  /** offset of the line's first byte in the message */
  start: number;
  /** bytes before the LF (a CR before the LF included) */
  length: number;
  /** the line ends with LF (false only for a last line cut by the end of the message) */
  lf: boolean;
  /** the LF is preceded by CR */
  crlf: boolean;
  /** the first min(length, cap) bytes, latin1 */
  head: string;
  /** the last (up to) 3 bytes before the LF, latin1; only filled for lines whose head starts with "-" */
  tail: string;
}

export interface LineConsumer {
  /** how many leading bytes of the line starting at `start` to keep; asked once per line */
  capFor(firstByte: number): number;
  line(line: Line): void;
}

export class LineSplitter {
  private start = 0;
  private length = 0;
  private cap = -1; // -1: not decided yet (no byte of the line seen)
  private head: Buffer[] = [];
  private headLength = 0;
  /** the last three bytes of the line so far, oldest first; -1 where the line is shorter */
  private t0 = -1;
  private t1 = -1;
  private t2 = -1;

  constructor(private readonly consumer: LineConsumer) {}

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      const lf = chunk.indexOf(0x0a, pos);
      const end = lf < 0 ? chunk.length : lf;
      if (end > pos) this.append(chunk, pos, end);
      if (lf < 0) break;
      this.emit(true);
      pos = lf + 1;
    }
  }

  /** Emits the last line when the message does not end with LF. */
  end(): void {
    if (this.length > 0) this.emit(false);
  }

  private append(chunk: Buffer, from: number, to: number): void {
    if (this.cap < 0) this.cap = this.consumer.capFor(chunk[from]);
    const room = this.cap - this.headLength;
    if (room > 0) {
      const piece = chunk.subarray(from, Math.min(to, from + room));
      this.head.push(Buffer.from(piece));
      this.headLength += piece.length;
    }
    for (let i = Math.max(from, to - 3); i < to; i++) {
      this.t0 = this.t1;
      this.t1 = this.t2;
      this.t2 = chunk[i];
    }
    this.length += to - from;
  }

  private emit(lf: boolean): void {
    const head = this.head.length === 0 ? '' : this.head.length === 1
      ? this.head[0].toString('latin1')
      : Buffer.concat(this.head).toString('latin1');
    const tail = head.charCodeAt(0) === 0x2d
      ? String.fromCharCode(...[this.t0, this.t1, this.t2].filter((b) => b >= 0))
      : '';
    this.consumer.line({ start: this.start, length: this.length, lf, crlf: lf && this.t2 === 0x0d, head, tail });
    this.start += this.length + (lf ? 1 : 0);
    this.length = 0;
    this.cap = -1;
    this.head = [];
    this.headLength = 0;
    this.t0 = this.t1 = this.t2 = -1;
  }
}
