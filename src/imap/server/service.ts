// `mailferry serve` starts the IMAP server through this Service (src/server/services.ts lists it).
import { loadServerTls } from '../../net/tls.ts';
import type { RunningService, Service } from '../../server/service.ts';
import { startImapServer } from './server.ts';

export const imapService: Service = {
  name: 'imap',
  async start({ config, store, log, version }): Promise<RunningService> {
    const imap = config.imap;
    if (!imap.enabled) return { name: 'imap', address: 'imap disabled', close: async () => undefined };
    const tls = await loadServerTls(config.tls, config.store.dataDir);
    const server = await startImapServer({ store, config: imap, tls, log, version });
    const addresses = [`imap://${imap.host}:${server.plain.port}`];
    if (server.implicitTls) addresses.push(`imaps://${imap.host}:${server.implicitTls.port}`);
    return { name: 'imap', address: addresses.join(', '), close: () => server.close() };
  },
};
