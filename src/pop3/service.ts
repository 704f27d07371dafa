// `mailferry serve` starts the POP3 server through this Service (one line in src/server/services.ts).
import type { Logger } from '../log/logger.ts';
import { loadServerTls } from '../net/tls.ts';
import { ServerStartError } from '../server/errors.ts';
import type { RunningService, Service, ServiceContext } from '../server/service.ts';
import { startPop3Server } from './server/server.ts';

function url(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export const pop3Service: Service = {
  name: 'pop3',
  async start(context: ServiceContext): Promise<RunningService> {
    const config = context.config.pop3;
    if (!config.enabled) return { name: 'pop3', address: 'pop3 off', close: async () => {} };
    const tls = await loadServerTls(context.config.tls, context.config.store.dataDir);
    try {
      const server = await startPop3Server({ store: context.store, config, tls, log: context.log as Logger });
      const addresses = [url('pop3', config.host, server.plain.port)];
      if (server.implicitTls) addresses.push(url('pop3s', config.host, server.implicitTls.port));
      return { name: 'pop3', address: addresses.join(', '), close: () => server.close() };
    } catch (err) {
      throw new ServerStartError((err as Error).message, 'change pop3.port / pop3.tlsPort (MAILFERRY_POP3_PORT, MAILFERRY_POP3_TLS_PORT) or pop3.host');
    }
  },
};
