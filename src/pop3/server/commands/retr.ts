// RFC 1939 §5 RETR: the message byte for byte from the blob store, dot-stuffed as it streams.
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';
import { stuffed } from '../wire-bodies.ts';
import { messageToSend } from './no-such-message.ts';

export const retrCommand: TransactionCommand<'RETR'> = {
  verb: 'RETR',
  state: 'transaction',
  async run(session, command, { maildrop }) {
    const found = await messageToSend(session, maildrop, command.message);
    if (!found) return;
    const body = session.services.store.blobs.open(found.stored.sha256);
    await session.sendMultiline(okLine(`${found.stored.size} octets`), stuffed(body));
    maildrop.markRetrieved(found.index);
    session.stats.retrieved += 1;
  },
};
