// RFC 1939 §7 UIDL: unique ids that stay the same across sessions and restarts (UIDVALIDITY.UID of INBOX).
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';
import { listingBody } from '../wire-bodies.ts';
import { noSuchMessage } from './no-such-message.ts';

export const uidlCommand: TransactionCommand<'UIDL'> = {
  verb: 'UIDL',
  state: 'transaction',
  async run(session, command, { maildrop }) {
    if (command.message !== null) {
      const found = maildrop.lookup(command.message);
      if (found.kind !== 'ok') return session.reply(noSuchMessage(command.message, found));
      return session.reply(okLine(`${command.message} ${maildrop.uniqueId(found.index)}`));
    }
    function* lines(): Generator<string> {
      for (const n of maildrop.visible()) yield `${n} ${maildrop.uniqueId(n - 1)}`;
    }
    await session.sendMultiline(okLine('Unique-ID listing follows'), listingBody(lines()));
  },
};
