// LOGIN userid password (RFC 3501 §6.2.3). Both are astrings; 8-bit bytes are read as UTF-8.

import type { CommandGrammar } from './grammar.ts';

export const loginGrammar: CommandGrammar = {
  names: ['LOGIN'],
  allowsUid: false,
  parse(c, { tag }) {
    c.sp('LOGIN');
    const userid = c.readAString('user name').toString('utf8');
    c.sp('user name');
    const password = c.readAString('password').toString('utf8');
    return { tag, name: 'LOGIN', userid, password };
  },
};
