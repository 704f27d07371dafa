// What one MIME part's header says about it: the Content-* fields (RFC 2045, 2183, 3066, 2557, 1864) and,
// for a message (the top level or a message/rfc822 body), the ENVELOPE fields (RFC 5322 §3.6).
// Values are latin1 byte strings; the first Content-* field of a kind wins, the last Date/Subject/Message-ID
// wins, and repeated address fields are merged, as Dovecot does.
import type { Envelope } from './types.ts';
import { parseAddressList } from './address-list.ts';
import { parseParameters } from './rfc2231.ts';
import { NUL_REPLACEMENT, Rfc822Reader, Text } from './rfc822-reader.ts';
import { asciiLower } from './ascii.ts';

export interface ContentFields {
  /** null when the part has no (usable) Content-Type header */
  type: string | null;
  subtype: string | null;
  params: Array<[string, string]>;
  encoding: string | null;
  id: string | null;
  description: string | null;
  disposition: string | null;
  dispositionParams: Array<[string, string]>;
  md5: string | null;
  language: string[] | null;
  location: string | null;
}


export const emptyContentFields = (): ContentFields => ({
  type: null, subtype: null, params: [], encoding: null, id: null, description: null,
  disposition: null, dispositionParams: [], md5: null, language: null, location: null,
});

export const emptyEnvelopeFields = (): Envelope => ({
  date: null, subject: null, from: null, sender: null, replyTo: null,
  to: null, cc: null, bcc: null, inReplyTo: null, messageId: null,
});

/** A header value as a string field: NUL bytes become U+FFFD so no consumer meets a NUL. */
export function headerString(value: string): string {
  return value.includes('\0') ? value.replace(/\0/g, NUL_REPLACEMENT) : value;
}

type AddressField = 'from' | 'sender' | 'replyTo' | 'to' | 'cc' | 'bcc';
type StringField = 'date' | 'subject' | 'inReplyTo' | 'messageId';
const ENVELOPE_FIELDS: Record<string, AddressField | StringField> = {
  date: 'date', subject: 'subject', from: 'from', sender: 'sender', 'reply-to': 'replyTo',
  to: 'to', cc: 'cc', bcc: 'bcc', 'in-reply-to': 'inReplyTo', 'message-id': 'messageId',
};
const ADDRESS_FIELDS = new Set<string>(['from', 'sender', 'replyTo', 'to', 'cc', 'bcc']);

/** `lowerName` is the field name lower-cased (ASCII) and cut at any NUL. */
export function applyEnvelopeField(env: Envelope, lowerName: string, value: string): void {
  const field = ENVELOPE_FIELDS[lowerName];
  if (field === undefined) return;
  if (ADDRESS_FIELDS.has(field)) {
    // several From: fields count as one comma-separated list, so none can hide behind another
    const key = field as AddressField;
    const parsed = parseAddressList(value);
    const list = env[key];
    if (list === null) env[key] = parsed.length > 0 ? parsed : null;
    else list.push(...parsed);
  } else {
    env[field as StringField] = headerString(value);
  }
}

export function applyContentField(data: ContentFields, lowerName: string, value: string): void {
  switch (lowerName) {
    case 'content-type':
      if (data.type === null) parseContentType(data, value);
      break;
    case 'content-transfer-encoding':
      if (data.encoding === null) data.encoding = parseEncoding(value);
      break;
    case 'content-id':
      if (data.id === null) data.id = headerString(value);
      break;
    case 'content-description':
      if (data.description === null) data.description = headerString(value);
      break;
    case 'content-md5':
      if (data.md5 === null) data.md5 = headerString(value);
      break;
    case 'content-location':
      if (data.location === null) data.location = headerString(value);
      break;
    case 'content-language':
      if (data.language === null) data.language = parseLanguages(value);
      break;
    case 'content-disposition':
      // a later field may still replace a first one that had no parameters (Dovecot's rule)
      if (data.dispositionParams.length === 0) parseDisposition(data, value);
      break;
  }
}

/** RFC 2045 §5.1; a broken value still yields as much of type/subtype as could be read, without params. */
function parseContentType(data: ContentFields, value: string): void {
  const reader = new Rfc822Reader(value);
  reader.skipLwsp();
  const text = new Text();
  const ret = reader.parseContentType(text);
  const slash = text.value.indexOf('/');
  data.type = slash < 0 ? text.value : text.value.slice(0, slash);
  data.subtype = slash < 0 ? '' : text.value.slice(slash + 1);
  if (ret >= 0) data.params = parseParameters(reader);
}

/** The flags the MIME structure depends on, read from the first Content-Type field of a part. */
export function contentTypeKind(value: string): { kind: 'message/rfc822' | 'text' | 'multipart' | 'other'; digest: boolean; boundary: string | null } {
  const reader = new Rfc822Reader(value);
  reader.skipLwsp();
  const text = new Text();
  const ret = reader.parseContentType(text);
  const type = asciiLower(text.value);
  if (type === 'message/rfc822') return { kind: 'message/rfc822', digest: false, boundary: null };
  if (type === 'text' || type.startsWith('text/')) return { kind: 'text', digest: false, boundary: null };
  if (!type.startsWith('multipart/')) return { kind: 'other', digest: false, boundary: null };
  const digest = type === 'multipart/digest';
  if (ret < 0) return { kind: 'multipart', digest, boundary: null };
  const boundary = parseParameters(reader).find(([key]) => asciiLower(key) === 'boundary');
  return { kind: 'multipart', digest, boundary: boundary ? boundary[1] : null };
}

function parseEncoding(value: string): string | null {
  const reader = new Rfc822Reader(value);
  reader.skipLwsp();
  const token = new Text();
  if (reader.parseMimeToken(token) >= 0 && reader.skipLwsp() === 0 && token.value.length > 0) return token.value;
  return null;
}

function parseDisposition(data: ContentFields, value: string): void {
  const reader = new Rfc822Reader(value);
  reader.skipLwsp();
  const token = new Text();
  if (reader.parseMimeToken(token) < 0) return;
  data.disposition = token.value;
  data.dispositionParams = parseParameters(reader);
}

/** RFC 3282: Content-Language = 1#Language-tag. */
function parseLanguages(value: string): string[] | null {
  const reader = new Rfc822Reader(value);
  const languages: string[] = [];
  reader.skipLwsp();
  for (;;) {
    const atom = new Text();
    if (reader.parseAtom(atom) < 0) break;
    languages.push(atom.value);
    if (reader.pos >= reader.end || reader.peek() !== 0x2c) break;
    reader.pos++;
    reader.skipLwsp();
  }
  return languages.length > 0 ? languages : null;
}
