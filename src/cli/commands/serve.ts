// mailferry serve: runs until SIGTERM or SIGINT, then closes the listeners and the store.
import type { Command } from 'commander';
import { log } from '../../log/logger.ts';
import { loadCommandConfig } from '../context.ts';
import { withExamples } from '../help.ts';

/** Resolves with the signal's name on the first SIGTERM or SIGINT; a second one ends the process at once. */
function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.once('SIGTERM', () => process.exit(1));
      process.once('SIGINT', () => process.exit(1));
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export function register(program: Command): void {
  withExamples(
    program
      .command('serve')
      .description('run the mail host: open the store and start the listeners (HTTP /health) until stopped')
      .action(async (_options: object, command: Command) => {
        const { config, file } = loadCommandConfig(command);
        const stopped = firstStopSignal();
        // Loaded here, not at the top: the servers' code is only needed by this command, and every other
        // command starts faster without it.
        const { serve } = await import('../../server/serve.ts');
        const server = await serve(config, { configFile: file });
        const signal = await stopped;
        log.major({ signal }, `${signal} received, stopping`);
        await server.close();
      }),
    'mailferry serve',
    'MAILFERRY_HTTP_PORT=9025 mailferry serve --data-dir /var/lib/mailferry',
  );
}
