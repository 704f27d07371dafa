// ENVELOPE, BODY and BODYSTRUCTURE as wire values (RFC 3501 §7.4.2, §9 "envelope", "body"), from the
// MIME information computed at ingest. Strings there are raw header bytes held as latin1, and go out
// byte for byte.

import type { Address, BodyStructure, Envelope } from '../../mime/types.ts';
import { rawStr, run } from './wire-values.ts';
import type { WireValue } from './wire-values.ts';

function addressList(addresses: Address[] | null): WireValue {
  if (addresses === null || addresses.length === 0) return null;
  // env-from = "(" 1*address ")": the addresses follow each other without SP (RFC 3501 §9)
  return [run(addresses.map((a) => [rawStr(a.name), rawStr(a.adl), rawStr(a.mailbox), rawStr(a.host)]))];
}

/** envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to SP env-cc
 *  SP env-bcc SP env-in-reply-to SP env-message-id ")" */
export function envelopeValue(envelope: Envelope): WireValue {
  return [
    rawStr(envelope.date),
    rawStr(envelope.subject),
    addressList(envelope.from),
    addressList(envelope.sender),
    addressList(envelope.replyTo),
    addressList(envelope.to),
    addressList(envelope.cc),
    addressList(envelope.bcc),
    rawStr(envelope.inReplyTo),
    rawStr(envelope.messageId),
  ];
}

// body-fld-param = "(" string SP string *(SP string SP string) ")" / nil
function params(list: Array<[string, string]> | null | undefined): WireValue {
  if (!list || list.length === 0) return null;
  return list.flatMap(([name, value]) => [rawStr(name), rawStr(value)]);
}

// body-fld-dsp SP body-fld-lang SP body-fld-loc, shared by both kinds of body-ext
function extensionTail(body: BodyStructure): WireValue[] {
  const disposition = body.disposition ? [rawStr(body.disposition.type), params(body.disposition.params)] : null;
  const language = body.language && body.language.length > 0 ? body.language.map((l) => rawStr(l)) : null;
  return [disposition, language, rawStr(body.location ?? null)];
}

/**
 * body (RFC 3501 §9): BODYSTRUCTURE when `extensible`, the shorter BODY otherwise.
 * Parts: basic / text (adds body-fld-lines) / message/rfc822 (adds envelope, body, lines); multipart
 * lists its children then the subtype.
 */
export function bodyStructureValue(body: BodyStructure, extensible: boolean): WireValue {
  if (body.children) {
    // body-type-mpart = 1*body SP media-subtype: the parts follow each other without SP (RFC 3501 §9)
    const value: WireValue[] = [run(body.children.map((child) => bodyStructureValue(child, extensible))), rawStr(body.subtype)];
    // body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
    if (extensible) value.push(params(body.params), ...extensionTail(body));
    return value;
  }
  const value: WireValue[] = [
    rawStr(body.type),
    rawStr(body.subtype),
    params(body.params),
    rawStr(body.id),
    rawStr(body.description),
    rawStr(body.encoding),
    body.size,
  ];
  if (body.message) {
    value.push(envelopeValue(body.message.envelope), bodyStructureValue(body.message.body, extensible), body.lines ?? 0);
  } else if (body.type.toLowerCase() === 'text') {
    value.push(body.lines ?? 0);
  }
  // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
  if (extensible) value.push(rawStr(body.md5 ?? null), ...extensionTail(body));
  return value;
}
