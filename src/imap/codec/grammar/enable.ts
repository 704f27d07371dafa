// ENABLE capability *(SP capability) (RFC 5161 §3.1).

import type { CommandGrammar } from './grammar.ts';

export const enableGrammar: CommandGrammar = {
  names: ['ENABLE'],
  allowsUid: false,
  parse(c, { tag }) {
    c.sp('ENABLE');
    const capabilities = [c.readKeyword('capability')];
    while (c.maybeSp()) capabilities.push(c.readKeyword('capability'));
    return { tag, name: 'ENABLE', capabilities: [...new Set(capabilities)] };
  },
};
