// This server's own POP3 and IMAP listeners, as the configuration names them, for the loop guard.
import type { Config } from '../config/schema.ts';
import type { OwnListener } from './self-poll.ts';

export function ownListeners(config: Pick<Config, 'pop3' | 'imap'>): OwnListener[] {
  const listeners: OwnListener[] = [];
  for (const section of [config.pop3, config.imap]) {
    if (!section.enabled) continue;
    listeners.push({ host: section.host, port: section.port });
    if (section.implicitTls) listeners.push({ host: section.host, port: section.tlsPort });
  }
  return listeners;
}
