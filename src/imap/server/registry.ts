// Command name → module. Adding a command means adding a file under commands/ and one line here.
import type { CommandName } from '../codec/index.ts';
import type { CommandModule } from './command.ts';
import { append } from './commands/append.ts';
import { authenticate } from './commands/authenticate.ts';
import { capability } from './commands/capability.ts';
import { check } from './commands/check.ts';
import { close } from './commands/close.ts';
import { copy } from './commands/copy.ts';
import { create } from './commands/create.ts';
import { deleteMailbox } from './commands/delete.ts';
import { enable } from './commands/enable.ts';
import { examine } from './commands/examine.ts';
import { expunge } from './commands/expunge.ts';
import { fetch } from './commands/fetch.ts';
import { id } from './commands/id.ts';
import { idle } from './commands/idle.ts';
import { list } from './commands/list.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import { lsub } from './commands/lsub.ts';
import { move } from './commands/move.ts';
import { namespace } from './commands/namespace.ts';
import { noop } from './commands/noop.ts';
import { rename } from './commands/rename.ts';
import { search } from './commands/search.ts';
import { select } from './commands/select.ts';
import { starttls } from './commands/starttls.ts';
import { status } from './commands/status.ts';
import { store } from './commands/store.ts';
import { subscribe } from './commands/subscribe.ts';
import { unselect } from './commands/unselect.ts';
import { unsubscribe } from './commands/unsubscribe.ts';

const MODULES: ReadonlyArray<CommandModule<any, any>> = [
  capability, noop, logout, starttls, authenticate, login,
  select, examine, create, deleteMailbox, rename, subscribe, unsubscribe, list, lsub, status, append,
  namespace, id, enable, idle,
  check, close, unselect, expunge, search, fetch, store, copy, move,
];

export const COMMANDS: ReadonlyMap<CommandName, CommandModule<any, any>> = new Map(MODULES.map((m) => [m.name, m]));
