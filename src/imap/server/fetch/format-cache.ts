// ENVELOPE, BODY and BODYSTRUCTURE as formatted text, kept per message in a bounded in-memory cache, so that a
// client fetching them again (every sync tool does, Dovecot keeps them in its cache file for the same reason)
// needs neither the stored MIME structure nor its parsing. A message's bytes never change, so entries never
// go stale; they are only evicted, oldest first, when the cache is over its size.
import { formatBodyStructure, formatEnvelope } from '../../../mime/imap-format.ts';
import type { MimeInfo } from '../../../mime/types.ts';

/** The formatted texts as latin1 bytes: compact (a built-up string is a tree of pieces) and ready to write. */
export interface FormattedParts {
  envelope: Buffer;
  body: Buffer;
  bodyStructure: Buffer;
}

export class FormatCache {
  private readonly entries = new Map<number, FormattedParts>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** The entry without making it the most recent (the caller just did, in the same batch). */
  peek(messageId: number): FormattedParts | undefined {
    return this.entries.get(messageId);
  }

  get(messageId: number): FormattedParts | undefined {
    const entry = this.entries.get(messageId);
    if (entry) {
      // most recently used last: eviction takes from the front
      this.entries.delete(messageId);
      this.entries.set(messageId, entry);
    }
    return entry;
  }

  /** Formats once from the structure and keeps the result. */
  fill(messageId: number, mime: MimeInfo): FormattedParts {
    const known = this.entries.get(messageId);
    if (known) return known;
    const entry: FormattedParts = {
      envelope: Buffer.from(formatEnvelope(mime.envelope), 'latin1'),
      body: Buffer.from(formatBodyStructure(mime.body, { extensible: false }), 'latin1'),
      bodyStructure: Buffer.from(formatBodyStructure(mime.body, { extensible: true }), 'latin1'),
    };
    this.entries.set(messageId, entry);
    this.bytes += entry.envelope.length + entry.body.length + entry.bodyStructure.length + 64;
    while (this.bytes > this.maxBytes) {
      const [oldest, value] = this.entries.entries().next().value as [number, FormattedParts];
      this.entries.delete(oldest);
      this.bytes -= value.envelope.length + value.body.length + value.bodyStructure.length + 64;
    }
    return entry;
  }
}
