// `mailferry serve` runs the poll scheduler through this Service (one line in src/server/services.ts).
import { loadServerKey } from '../crypto/server-key.ts';
import type { RunningService, Service, ServiceContext } from '../server/service.ts';
import { ownListeners } from './listeners.ts';
import { PollScheduler } from './scheduler.ts';

export const pollService: Service = {
  name: 'poll',
  async start(context: ServiceContext): Promise<RunningService> {
    const { config } = context;
    if (!config.poll.enabled) return { name: 'poll', address: 'poll off', close: async () => {} };
    const scheduler = new PollScheduler({
      store: context.store, serverKey: await loadServerKey(config.store.dataDir), config: config.poll, listeners: ownListeners(config),
      logger: context.log,
    });
    scheduler.start();
    return {
      name: 'poll',
      address: `poll scheduler (${config.poll.processes} at once, ${config.poll.perHost} per host)`,
      close: () => scheduler.stop(),
    };
  },
};
