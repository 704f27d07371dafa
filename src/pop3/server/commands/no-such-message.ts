// The -ERR answers shared by the commands that take a message number (RFC 1939 §5), and the lookup RETR and
// TOP share before they send a message.
import { errLine } from '../../codec/responses.ts';
import type { SessionContext } from '../command.ts';
import type { Maildrop, MessageLookup } from '../maildrop.ts';
import type { MessageWithMime } from '../../../store/types.ts';

export function noSuchMessage(message: number, lookup: Exclude<MessageLookup, { kind: 'ok' }>): Buffer {
  return errLine(lookup.kind === 'deleted' ? `Message ${message} is marked deleted` : `No message ${message}`);
}

/** The stored message numbered `message`, or null once the -ERR has been sent. */
export async function messageToSend(session: SessionContext, maildrop: Maildrop, message: number): Promise<{ index: number; stored: MessageWithMime } | null> {
  const found = maildrop.lookup(message);
  if (found.kind !== 'ok') {
    session.reply(noSuchMessage(message, found));
    return null;
  }
  const stored = await maildrop.message(found.index);
  if (!stored) {
    session.reply(errLine(`Message ${message} was removed by another session`));
    return null;
  }
  return { index: found.index, stored };
}
