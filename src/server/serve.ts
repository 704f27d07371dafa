// mailferry serve: open the store, start every service, log one line of what listens where; close() stops
// the services (newest first) and then the store.
import type { Config } from '../config/schema.ts';
import { log, type Logger } from '../log/logger.ts';
import { openStore } from '../store/open.ts';
import type { RunningService, Service } from './service.ts';
import { services as defaultServices } from './services.ts';
import { VERSION } from './version.ts';

export interface RunningServer {
  services: readonly RunningService[];
  close(): Promise<void>;
}

async function stopAll(running: RunningService[]): Promise<void> {
  for (const service of [...running].reverse()) {
    await service.close().catch((error: unknown) => log.problems({ err: error, service: service.name }, 'close failed'));
  }
}

export interface ServeOptions {
  /** the configuration file read, for the start line */
  configFile?: string;
  /** the services to start; all of services.ts by default */
  services?: readonly Service[];
}

export async function serve(config: Config, options: ServeOptions = {}): Promise<RunningServer> {
  const services = options.services ?? defaultServices;
  const store = await openStore({ dataDir: config.store.dataDir });
  const running: RunningService[] = [];
  try {
    for (const service of services) {
      running.push(await service.start({ config, store, log: log.child({ service: service.name }) as Logger, version: VERSION }));
    }
  } catch (error) {
    await stopAll(running);
    await store.close();
    throw error;
  }
  log.major(
    {
      version: VERSION,
      dataDir: config.store.dataDir,
      configFile: options.configFile ?? null,
      listening: running.map((s) => s.address),
    },
    `mailferry ${VERSION} serving on ${running.map((s) => s.address).join(', ')}`,
  );

  let closing: Promise<void> | undefined;
  return {
    services: running,
    close: () =>
      (closing ??= (async () => {
        await stopAll(running);
        await store.close();
        log.major('mailferry stopped');
      })()),
  };
}
