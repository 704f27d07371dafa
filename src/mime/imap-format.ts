// ENVELOPE, BODY and BODYSTRUCTURE in IMAP wire syntax (RFC 3501 §7.4.2), byte for byte as Dovecot writes
// them. The results are latin1 byte strings (8-bit header bytes travel inside literals): send them with
// Buffer.from(text, 'latin1').
import type { Address, BodyStructure, Envelope } from './types.ts';
import { imapNString, imapNStringNoLf, imapStringForHumans } from './imap-strings.ts';
import { asciiLower } from './ascii.ts';

/** The parenthesised ENVELOPE; Sender and Reply-To default to From (RFC 3501 §7.4.2). */
export function formatEnvelope(env: Envelope): string {
  return `(${[
    imapNStringNoLf(env.date),
    env.subject === null ? 'NIL' : imapStringForHumans(env.subject),
    formatAddresses(env.from),
    formatAddresses(env.sender ?? env.from),
    formatAddresses(env.replyTo ?? env.from),
    formatAddresses(env.to),
    formatAddresses(env.cc),
    formatAddresses(env.bcc),
    imapNStringNoLf(env.inReplyTo),
    imapNStringNoLf(env.messageId),
  ].join(' ')})`;
}

function formatAddresses(list: Address[] | null): string {
  if (list === null || list.length === 0) return 'NIL';
  const one = (a: Address) =>
    `(${a.name === null ? 'NIL' : imapStringForHumans(a.name)} ${imapNString(a.adl)} ${imapNString(a.mailbox)} ${imapNString(a.host)})`;
  return `(${list.map(one).join('')})`;
}

export interface BodyStructureOptions {
  /** true: BODYSTRUCTURE with extension data; false: BODY */
  extensible: boolean;
}

/** The parenthesised BODYSTRUCTURE (extensible) or BODY of a part and everything below it. */
export function formatBodyStructure(body: BodyStructure, options: BodyStructureOptions): string {
  return body.children ? formatMultipart(body, options.extensible) : formatSinglePart(body, options.extensible);
}

/** What Dovecot reports in place of the parts of a multipart that has none. */
const EMPTY_PART = '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0';

function formatMultipart(body: BodyStructure, extensible: boolean): string {
  const children = body.children ?? [];
  let out = '(';
  out += children.length > 0
    ? children.map((child) => formatBodyStructure(child, { extensible })).join('')
    : `${EMPTY_PART}${extensible ? ' NIL NIL NIL NIL' : ''})`;
  out += ` ${imapNString(body.subtype)}`;
  if (extensible) out += ` ${formatParams(body.params, false)}${formatCommonExtension(body)}`;
  return `${out})`;
}

function formatSinglePart(body: BodyStructure, extensible: boolean): string {
  const text = !body.message && asciiLower(body.type) === 'text';
  let out = `(${imapNString(body.type)} ${imapNString(body.subtype)}`;
  out += ` ${formatParams(body.params, text)}`;
  out += ` ${imapNStringNoLf(body.id)} ${imapNStringNoLf(body.description)} ${imapNString(body.encoding)} ${body.size}`;
  if (body.message) {
    out += ` ${formatEnvelope(body.message.envelope)} ${formatBodyStructure(body.message.body, { extensible })}`;
    out += ` ${body.lines ?? 0}`;
  } else if (text) {
    out += ` ${body.lines ?? 0}`;
  }
  if (extensible) out += ` ${imapNStringNoLf(body.md5 ?? null)}${formatCommonExtension(body)}`;
  return `${out})`;
}

/** Parameter list; text parts always show a charset, us-ascii unless given (RFC 2045 §5.2). */
function formatParams(params: Array<[string, string]> | null, defaultCharset: boolean): string {
  const list = params ?? [];
  if (list.length === 0 && !defaultCharset) return 'NIL';
  const items = list.map(([name, value]) => `${imapNString(name)} ${imapNString(value)}`);
  if (defaultCharset && !list.some(([name]) => asciiLower(name) === 'charset')) items.push('"charset" "us-ascii"');
  return `(${items.join(' ')})`;
}

/** body-fld-dsp, body-fld-lang and body-fld-loc, each preceded by a space. */
function formatCommonExtension(body: BodyStructure): string {
  const disposition = body.disposition
    ? `(${imapNString(body.disposition.type)} ${formatParams(body.disposition.params, false)})`
    : 'NIL';
  const language = body.language && body.language.length > 0
    ? `(${body.language.map((lang) => imapNString(lang)).join(' ')})`
    : 'NIL';
  return ` ${disposition} ${language} ${imapNStringNoLf(body.location ?? null)}`;
}
