// PLACEHOLDER — replaced by the MIME module. Contract: push() the raw bytes of one message in order,
// then finish() returns its ENVELOPE/BODYSTRUCTURE with part offsets. Memory stays bounded whatever the size.
import type { MimeInfo } from './types.ts';

export class MimeScanner {
  private size = 0;
  push(chunk: Buffer): void {
    this.size += chunk.length;
  }
  finish(): MimeInfo {
    const nil = { date: null, subject: null, from: null, sender: null, replyTo: null, to: null, cc: null, bcc: null, inReplyTo: null, messageId: null };
    return {
      envelope: nil,
      body: { type: 'text', subtype: 'plain', params: null, id: null, description: null, encoding: '7bit', size: this.size, lines: 0, offsets: { headerStart: 0, bodyStart: 0, bodyEnd: this.size } },
    };
  }
}
