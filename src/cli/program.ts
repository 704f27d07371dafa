// The commander program: global options, error and exit behaviour shared by every subcommand, the registry.
import { Command, Option } from 'commander';
import { LOG_LEVELS } from '../log/logger.ts';
import { VERSION } from '../server/version.ts';
import { commandModules } from './registry.ts';

export function createProgram(): Command {
  const program = new Command('mailferry')
    .description('mailferry: poll, sync, migrate and archive mail between servers; a small mail host besides')
    .version(VERSION, '-V, --version', 'print the version')
    .option('-c, --config <file>', 'configuration file (default: ./mailferry.yaml when present, or $MAILFERRY_CONFIG)')
    .option('-d, --data-dir <dir>', 'data directory (overrides store.dataDir; default ./data)')
    .addOption(new Option('--log-level <level>', 'log level (overrides log.level)').choices(LOG_LEVELS))
    // Settings made before the subcommands are added are inherited by them (commander copies them).
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });
  program.addHelpText(
    'after',
    '\nExamples:\n' +
      '  $ mailferry domain add example.org\n' +
      '  $ mailferry account add alice@example.org --password-file ./alice.pw\n' +
      '  $ mailferry serve\n' +
      '\nEvery command has its own --help. Configuration: docs/config.md.\n',
  );
  for (const module of commandModules) module.register(program);
  return program;
}
