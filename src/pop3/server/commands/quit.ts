// RFC 1939 §6 QUIT: in TRANSACTION, the UPDATE state removes the messages marked deleted (and, as Dovecot does,
// sets \Seen on the ones retrieved), then the connection closes. In AUTHORIZATION it just closes.
import { errLine, okLine } from '../../codec/responses.ts';
import type { AnyStateCommand } from '../command.ts';

export const quitCommand: AnyStateCommand<'QUIT'> = {
  verb: 'QUIT',
  state: 'any',
  async run(session) {
    const state = session.state;
    if (state.kind !== 'transaction') {
      session.reply(okLine('Bye'));
      return session.end('quit');
    }
    session.setState({ kind: 'update' });
    const { store, config } = session.services;
    const { maildrop } = state;
    const deleted = maildrop.deletedUids();
    try {
      if (deleted.length > 0) await store.expunge(maildrop.folder.id, deleted);
      const retrieved = maildrop.retrievedUids();
      if (config.markSeen && retrieved.length > 0) await store.updateFlags(maildrop.folder.id, retrieved, 'add', ['\\Seen']);
    } catch (err) {
      session.log.problems({ err, user: state.account.address }, 'pop3 UPDATE failed');
      session.reply(errLine('Some deleted messages were not removed', 'SYS/TEMP'));
      return session.end('update-failed');
    }
    session.stats.deleted += deleted.length;
    session.reply(okLine(`Bye, ${deleted.length} messages deleted`));
    session.end('quit');
  },
};
