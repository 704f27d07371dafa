// Binding a listening socket with an error that says what to change when the port is taken.
import type { Server } from 'node:net';
import { ServerStartError } from './errors.ts';

export function listen(server: Server, host: string, port: number, configKey: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason =
        error.code === 'EADDRINUSE' ? 'address already in use' :
        error.code === 'EACCES' ? 'permission denied' :
        error.code === 'EADDRNOTAVAIL' ? 'address not available on this machine' : error.message;
      reject(new ServerStartError(`cannot listen on ${host}:${port}: ${reason}`, `change ${configKey}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
