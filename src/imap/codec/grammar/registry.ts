// Command name → grammar. Adding a command means adding a grammar file and one line here.

import { appendGrammar } from './append.ts';
import { authenticateGrammar } from './authenticate.ts';
import { copyMoveGrammar } from './copy-move.ts';
import { enableGrammar } from './enable.ts';
import { expungeGrammar } from './expunge.ts';
import { fetchGrammar } from './fetch.ts';
import type { CommandGrammar } from './grammar.ts';
import { idGrammar } from './id.ts';
import { listGrammar, lsubGrammar } from './list.ts';
import { loginGrammar } from './login.ts';
import { createGrammar, mailboxGrammar, renameGrammar } from './mailbox-commands.ts';
import { noArgumentsGrammar } from './no-arguments.ts';
import { searchGrammar } from './search.ts';
import { selectGrammar } from './select.ts';
import { statusGrammar } from './status.ts';
import { storeGrammar } from './store.ts';

const GRAMMARS: readonly CommandGrammar[] = [
  noArgumentsGrammar,
  loginGrammar,
  authenticateGrammar,
  selectGrammar,
  createGrammar,
  mailboxGrammar,
  renameGrammar,
  listGrammar,
  lsubGrammar,
  statusGrammar,
  appendGrammar,
  expungeGrammar,
  searchGrammar,
  fetchGrammar,
  storeGrammar,
  copyMoveGrammar,
  enableGrammar,
  idGrammar,
];

export const GRAMMAR_BY_NAME: ReadonlyMap<string, CommandGrammar> = new Map(
  GRAMMARS.flatMap((grammar) => grammar.names.map((name) => [name, grammar] as const)),
);
