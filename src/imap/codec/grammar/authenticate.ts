// AUTHENTICATE auth-type [SP initial-response] (RFC 3501 §6.2.2, RFC 4959 SASL-IR).

import type { CommandGrammar } from './grammar.ts';
import { readInitialResponse } from './sasl.ts';

export const authenticateGrammar: CommandGrammar = {
  names: ['AUTHENTICATE'],
  allowsUid: false,
  parse(c, { tag }) {
    c.sp('AUTHENTICATE');
    const mechanism = c.readKeyword('SASL mechanism name');
    const initialResponse = c.maybeSp() ? readInitialResponse(c) : null;
    return { tag, name: 'AUTHENTICATE', mechanism, initialResponse };
  },
};
