// RFC 1939 §5 RETR: the message byte for byte from the blob store, dot-stuffed as it streams.
import { errLine, okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';
import { stuffed } from '../wire-bodies.ts';
import { noSuchMessage } from './no-such-message.ts';

export const retrCommand: TransactionCommand<'RETR'> = {
  verb: 'RETR',
  state: 'transaction',
  async run(session, command, { maildrop }) {
    const found = maildrop.lookup(command.message);
    if (found.kind !== 'ok') return session.reply(noSuchMessage(command.message, found));
    const stored = await maildrop.message(found.index);
    if (!stored) return session.reply(errLine(`Message ${command.message} was removed by another session`));
    const body = session.services.store.blobs.open(stored.sha256);
    await session.sendMultiline(okLine(`${stored.size} octets`), stuffed(body));
    maildrop.markRetrieved(found.index);
    session.stats.retrieved += 1;
  },
};
