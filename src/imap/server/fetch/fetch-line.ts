// Builds one "* n FETCH (...)" response: text gathered in a latin1 string (ENVELOPE and BODYSTRUCTURE come
// pre-formatted, byte for byte as Dovecot writes them, from src/mime/imap-format.ts), literals either in memory
// or streamed from the blob store when written.
import { streamedLiteral, type OutputChunk } from '../../codec/index.ts';
import type { WireSource } from './wire-bytes.ts';

export class FetchLine {
  private readonly chunks: OutputChunk[] = [];
  private text: string;
  private items = 0;

  constructor(seq: number) {
    this.text = `* ${seq} FETCH (`;
  }

  /** "NAME value" where value is already in wire syntax (latin1) */
  item(name: string, value: string): void {
    this.text += `${this.items++ > 0 ? ' ' : ''}${name} ${value}`;
  }

  /** "NAME value" where value is wire syntax held as bytes (ENVELOPE, BODYSTRUCTURE from the format cache) */
  raw(name: string, value: Buffer): void {
    this.text += `${this.items++ > 0 ? ' ' : ''}${name} `;
    this.flushText();
    this.chunks.push(value);
  }

  /** "NAME {n}\r\n" followed by bytes held in memory */
  literal(name: string, data: Buffer): void {
    this.text += `${this.items++ > 0 ? ' ' : ''}${name} {${data.length}}\r\n`;
    this.flushText();
    this.chunks.push(data);
  }

  /** "NAME {n}\r\n" followed by n bytes streamed from the source when the response is written */
  streamed(name: string, size: number, source: WireSource): void {
    this.text += `${this.items++ > 0 ? ' ' : ''}${name} {${size}}\r\n`;
    this.flushText();
    this.chunks.push(streamedLiteral(size, source));
  }

  private flushText(): void {
    if (this.text.length > 0) this.chunks.push(Buffer.from(this.text, 'latin1'));
    this.text = '';
  }

  finish(): OutputChunk[] {
    this.text += ')\r\n';
    this.flushText();
    return this.chunks;
  }
}
