// What every command needs before it runs: the configuration (file, environment, global options),
// logging set up from it, and for most commands an open store that is closed when the command ends.
import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import type { Override } from '../config/env.ts';
import type { LogLevelName } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { openStore } from '../store/open.ts';
import { setupLogging } from './logging.ts';

/** The global options of main.ts, as commander hands them to every subcommand. */
export interface GlobalOptions {
  config?: string;
  dataDir?: string;
  logLevel?: LogLevelName;
}

export function loadCommandConfig(command: Command): LoadedConfig {
  const options = command.optsWithGlobals<GlobalOptions>();
  const overrides: Override[] = [];
  if (options.dataDir !== undefined) {
    overrides.push({ path: 'store.dataDir', value: options.dataDir, origin: 'from --data-dir' });
  }
  if (options.logLevel !== undefined) {
    overrides.push({ path: 'log.level', value: options.logLevel, origin: 'from --log-level' });
  }
  const loaded = loadConfig({ file: options.config, overrides });
  setupLogging(loaded.config.log);
  return loaded;
}

/** Runs `work` with the configured store open, and closes the store whatever happens. */
export async function withStore<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const { config } = loadCommandConfig(command);
  const store = await openStore({ dataDir: config.store.dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
