// The shape of a message as IMAP sees it, computed once at ingest (RFC 3501 §7.4.2).
// Strings hold the raw header bytes decoded as latin1 ("binary"), so 8-bit headers survive byte-exact;
// null stands for NIL.

export interface Address {
  /** display name, raw (may contain RFC 2047 encoded-words, kept encoded as IMAP does) */
  name: string | null;
  /** at-domain-list (source route), almost always null */
  adl: string | null;
  /** local part; for a group start: the group name with host null; for a group end: null with host null */
  mailbox: string | null;
  host: string | null;
}

export interface Envelope {
  date: string | null;
  subject: string | null;
  from: Address[] | null;
  sender: Address[] | null;
  replyTo: Address[] | null;
  to: Address[] | null;
  cc: Address[] | null;
  bcc: Address[] | null;
  inReplyTo: string | null;
  messageId: string | null;
}

/**
 * Byte offsets of one MIME part inside the raw (stored) message, so BODY[section] needs no re-parse:
 * BODY[n.MIME] is headerStart..bodyStart, BODY[n] is bodyStart..bodyEnd; for a message/rfc822 part,
 * `message.body.offsets` gives BODY[n.HEADER] and BODY[n.TEXT]. Served as IMAP servers send them: each
 * bare LF as CRLF, each NUL as 0x80 (what Dovecot does outside BINARY).
 */
export interface PartOffsets {
  /** first byte of this part's header block */
  headerStart: number;
  /** first byte of this part's body (after the blank line; the header may lack one when mail is broken) */
  bodyStart: number;
  /** one past the last byte of this part's body (the line ending before a boundary is not part of it) */
  bodyEnd: number;
}

export interface BodyStructure {
  /** as written in the message, case kept (e.g. "TEXT"); "text"/"plain" when there is no Content-Type,
   * "message"/"rfc822" for an encapsulated message, "" when the Content-Type could not be read */
  type: string;
  subtype: string;
  /** Content-Type parameters in order (RFC 2231 sections merged at the end), names as given; null if none */
  params: Array<[string, string]> | null;
  id: string | null;
  description: string | null;
  /** Content-Transfer-Encoding as given, "7bit" when absent or unreadable */
  encoding: string;
  /** body size as IMAP counts it: raw bytes plus one per bare LF (offsets are raw) */
  size: number;
  /** text/* and message/rfc822: body lines */
  lines?: number;
  /** extension data (BODYSTRUCTURE, not BODY) */
  md5?: string | null;
  disposition?: { type: string; params: Array<[string, string]> | null } | null;
  language?: string[] | null;
  location?: string | null;
  /** multipart/*: children in order (may be empty: the boundary never appeared) */
  children?: BodyStructure[];
  /** message/rfc822: the encapsulated message */
  message?: { envelope: Envelope; body: BodyStructure };
  offsets: PartOffsets;
}

export interface MimeInfo {
  /** Sender and Reply-To are null when absent; formatEnvelope() applies the RFC 3501 defaults */
  envelope: Envelope;
  body: BodyStructure;
  /** LF line endings without CR; IMAP sizes count each as two bytes (RFC822.SIZE = raw bytes + bareLf) */
  bareLf?: number;
}
