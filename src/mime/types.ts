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

/** Byte offsets of one MIME part inside the raw message, so BODY[section] needs no re-parse. */
export interface PartOffsets {
  /** first byte of this part's header block */
  headerStart: number;
  /** first byte of this part's body (after the blank line) */
  bodyStart: number;
  /** one past the last byte of this part's body */
  bodyEnd: number;
}

export interface BodyStructure {
  /** lower-case as given in the message, e.g. "text" */
  type: string;
  subtype: string;
  /** Content-Type parameters in order, attribute names as given */
  params: Array<[string, string]> | null;
  id: string | null;
  description: string | null;
  encoding: string;
  /** body size in bytes (octets of the encoded body) */
  size: number;
  /** text/* and message/rfc822: body lines */
  lines?: number;
  /** extension data (BODYSTRUCTURE, not BODY) */
  md5?: string | null;
  disposition?: { type: string; params: Array<[string, string]> | null } | null;
  language?: string[] | null;
  location?: string | null;
  /** multipart/*: children in order */
  children?: BodyStructure[];
  /** message/rfc822: the encapsulated message */
  message?: { envelope: Envelope; body: BodyStructure };
  offsets: PartOffsets;
}

export interface MimeInfo {
  envelope: Envelope;
  body: BodyStructure;
  /** LF line endings without CR; IMAP sizes count each as two bytes (RFC822.SIZE = raw bytes + bareLf) */
  bareLf?: number;
}
