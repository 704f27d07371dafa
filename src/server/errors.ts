// A start-up failure of the server that the person starting it can fix (a port in use, a bad address).
export class ServerStartError extends Error {
  override name = 'ServerStartError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}
