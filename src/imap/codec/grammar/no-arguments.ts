// Commands without arguments (RFC 3501 §6.1.1–6.1.3, §6.2.1, §6.4.1–6.4.2; RFC 3691 UNSELECT;
// RFC 2177 IDLE; RFC 2342 NAMESPACE). EXPUNGE has its own grammar because of UID EXPUNGE.

import type { NoArgumentCommandName } from '../commands.ts';
import type { CommandGrammar } from './grammar.ts';

const NAMES: readonly NoArgumentCommandName[] = ['CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'CHECK', 'CLOSE', 'UNSELECT', 'IDLE', 'NAMESPACE'];

export const noArgumentsGrammar: CommandGrammar = {
  names: NAMES,
  allowsUid: false,
  parse: (_c, { tag }, name) => ({ tag, name: name as NoArgumentCommandName }),
};
