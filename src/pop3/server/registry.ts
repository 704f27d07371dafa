// Every POP3 command the server knows, by verb. Adding a command is one file in commands/ and one line here.
import type { Pop3Verb } from '../codec/commands.ts';
import type { CommandHandler } from './command.ts';
import { apopCommand } from './commands/apop.ts';
import { authCommand } from './commands/auth.ts';
import { capaCommand } from './commands/capa.ts';
import { deleCommand } from './commands/dele.ts';
import { listCommand } from './commands/list.ts';
import { noopCommand } from './commands/noop.ts';
import { passCommand } from './commands/pass.ts';
import { quitCommand } from './commands/quit.ts';
import { retrCommand } from './commands/retr.ts';
import { rsetCommand } from './commands/rset.ts';
import { statCommand } from './commands/stat.ts';
import { stlsCommand } from './commands/stls.ts';
import { topCommand } from './commands/top.ts';
import { uidlCommand } from './commands/uidl.ts';
import { userCommand } from './commands/user.ts';

export const commands: { readonly [V in Pop3Verb]: CommandHandler<V> } = {
  USER: userCommand,
  PASS: passCommand,
  APOP: apopCommand,
  AUTH: authCommand,
  CAPA: capaCommand,
  STLS: stlsCommand,
  STAT: statCommand,
  LIST: listCommand,
  UIDL: uidlCommand,
  RETR: retrCommand,
  TOP: topCommand,
  DELE: deleCommand,
  NOOP: noopCommand,
  RSET: rsetCommand,
  QUIT: quitCommand,
};
