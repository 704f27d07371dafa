// The -ERR answers shared by the commands that take a message number (RFC 1939 §5).
import { errLine } from '../../codec/responses.ts';
import type { MessageLookup } from '../maildrop.ts';

export function noSuchMessage(message: number, lookup: Exclude<MessageLookup, { kind: 'ok' }>): Buffer {
  return errLine(lookup.kind === 'deleted' ? `Message ${message} is marked deleted` : `No message ${message}`);
}
