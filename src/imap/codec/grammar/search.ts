// SEARCH [RETURN (opts)] [CHARSET charset] search-key *(SP search-key) (RFC 3501 §6.4.4, RFC 4731
// ESEARCH, RFC 4466 §2.6 search-return-opts, RFC 5182 SAVE).

import type { SearchReturnOption } from '../commands.ts';
import type { Cursor } from '../cursor.ts';
import { ParseError } from '../parse-error.ts';
import { readSearchProgram } from '../search-keys.ts';
import type { StringDecoder } from '../search-keys.ts';
import type { CommandGrammar } from './grammar.ts';

const RETURN_OPTIONS = new Set<string>(['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE']);

function readReturnOptions(c: Cursor): SearchReturnOption[] {
  const options = c.readList('SEARCH return options', () => {
    const option = c.readKeyword('search return option');
    if (!RETURN_OPTIONS.has(option)) c.fail(`unknown SEARCH return option ${option}`);
    return option as SearchReturnOption;
  }, true);
  // RFC 4731 §3.1: "RETURN ()" means RETURN (ALL).
  return options.length === 0 ? ['ALL'] : [...new Set(options)];
}

/** Decoder for search strings. Without CHARSET, US-ASCII is the rule, but 8-bit is read as UTF-8. */
function decoderFor(charset: string | null, at: number): StringDecoder {
  if (charset === null || charset === 'UTF-8' || charset === 'US-ASCII') return (bytes) => bytes.toString('utf8');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    // RFC 3501 §6.4.4: an unsupported charset gets NO [BADCHARSET (supported charsets)].
    throw new ParseError(`unsupported charset ${charset} at position ${at}`, { offset: at, code: 'BADCHARSET' });
  }
  return (bytes) => decoder.decode(bytes);
}

export const searchGrammar: CommandGrammar = {
  names: ['SEARCH'],
  allowsUid: true,
  parse(c, { tag, uid }) {
    c.sp('SEARCH');
    let returnOptions: SearchReturnOption[] | null = null;
    if (c.lookingAtWord('RETURN')) {
      c.readAtom();
      c.sp('RETURN');
      returnOptions = readReturnOptions(c);
      c.sp('return options');
    }
    let charset: string | null = null;
    const charsetAt = c.offset;
    if (c.lookingAtWord('CHARSET')) {
      c.readAtom();
      c.sp('CHARSET');
      charset = c.readAString('charset').toString('latin1').toUpperCase();
      c.sp('charset');
    }
    const criteria = readSearchProgram(c, decoderFor(charset, charsetAt));
    return { tag, name: 'SEARCH', uid, charset, criteria, returnOptions };
  },
};
