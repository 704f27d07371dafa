// What a Sieve script sees of a message (RFC 5228 §2.7): its headers (unfolded, RFC 2047 decoded), its size in
// octets and its SMTP envelope (for a polled message: Return-Path as sender, the local recipient).
import { decodeEncodedWords, headerText } from './encoded-words.ts';
import { headerValues, parseHeaderBlock, type HeaderBlock } from './header-block.ts';

export interface SieveEnvelope {
  /** the reverse path without angle brackets; "" for the null sender, null when unknown */
  from: string | null;
  to: string[];
}

export interface SieveMessage {
  /** decoded values of every header field of this name, in order */
  header(name: string): string[];
  readonly size: number;
  readonly envelope: SieveEnvelope;
}

export function sieveMessage(block: HeaderBlock, size: number, envelope: SieveEnvelope): SieveMessage {
  return {
    size,
    envelope,
    header: (name) => headerValues(block, name).map((value) => decodeEncodedWords(headerText(value)).trim()),
  };
}

/** From the raw bytes (at least the whole header block). */
export function sieveMessageOf(head: Buffer, size: number, envelope: SieveEnvelope): SieveMessage {
  return sieveMessage(parseHeaderBlock(head), size, envelope);
}
