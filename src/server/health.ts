// The HTTP listener: GET /health for load balancers and the smoke start. The REST API replaces this later.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RunningService, Service, ServiceContext } from './service.ts';
import { listen } from './listen.ts';

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function handler(context: ServiceContext) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/health') return answer(response, 404, { error: `no such path: ${path}` });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return answer(response, 405, { error: `method ${request.method} not allowed on /health` });
    }
    answer(response, 200, { status: 'ok', version: context.version });
  };
}

export const httpService: Service = {
  name: 'http',
  async start(context: ServiceContext): Promise<RunningService> {
    const { host, port } = context.config.http;
    const server = createServer(handler(context));
    const bound = await listen(server, host, port, 'http.port (MAILFERRY_HTTP_PORT) or http.host');
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      name: 'http',
      address: `http://${shownHost}:${bound}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  },
};
