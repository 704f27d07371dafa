// The CLI's commands, listed explicitly: each module exports register(program). Adding a command is one line.
import type { Command } from 'commander';

export interface CommandModule {
  register(program: Command): void;
}

export const commandModules: readonly CommandModule[] = await Promise.all([
  import('./commands/serve.ts'),
  import('./commands/domain.ts'),
  import('./commands/account.ts'),
  import('./commands/alias.ts'),
  import('./commands/mailbox.ts'),
  import('./commands/import.ts'),
  import('./commands/export.ts'),
  import('./commands/sync.ts'),
  import('./commands/poll.ts'),
  import('./commands/rules.ts'),
]);
