// ID ("field" "value" ...) / ID NIL (RFC 2971 §3.3).

import { CHAR } from '../chars.ts';
import type { CommandGrammar } from './grammar.ts';

// RFC 2971 §3.3: at most 30 pairs, fields up to 30 octets, values up to 1024 octets.
const MAX_PAIRS = 30;
const MAX_FIELD = 30;
const MAX_VALUE = 1024;

export const idGrammar: CommandGrammar = {
  names: ['ID'],
  allowsUid: false,
  parse(c, { tag }) {
    c.sp('ID');
    if (c.readNil()) return { tag, name: 'ID', parameters: null };
    c.expect(CHAR.LPAREN, '"(" or NIL');
    const parameters: Array<[string, string | null]> = [];
    while (!c.consume(CHAR.RPAREN)) {
      if (parameters.length > 0) c.sp('ID value');
      if (parameters.length === MAX_PAIRS) c.fail(`more than ${MAX_PAIRS} ID fields`);
      const field = c.readString('ID field').toString('utf8');
      if (Buffer.byteLength(field) > MAX_FIELD) c.fail(`ID field longer than ${MAX_FIELD} bytes`);
      c.sp('ID field');
      const value = c.readNString('ID value');
      if (value && value.length > MAX_VALUE) c.fail(`ID value longer than ${MAX_VALUE} bytes`);
      parameters.push([field, value === null ? null : value.toString('utf8')]);
    }
    return { tag, name: 'ID', parameters };
  },
};
