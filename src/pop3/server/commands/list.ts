// RFC 1939 §5 LIST: the scan listing "n octets" of one message or of all not marked deleted.
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';
import { listingBody } from '../wire-bodies.ts';
import { noSuchMessage } from './no-such-message.ts';

export const listCommand: TransactionCommand<'LIST'> = {
  verb: 'LIST',
  state: 'transaction',
  async run(session, command, { maildrop }) {
    if (command.message !== null) {
      const found = maildrop.lookup(command.message);
      if (found.kind !== 'ok') return session.reply(noSuchMessage(command.message, found));
      return session.reply(okLine(`${command.message} ${maildrop.size(found.index)}`));
    }
    const { count, size } = maildrop.stat();
    function* lines(): Generator<string> {
      for (const n of maildrop.visible()) yield `${n} ${maildrop.size(n - 1)}`;
    }
    await session.sendMultiline(okLine(`${count} messages (${size} octets)`), listingBody(lines()));
  },
};

