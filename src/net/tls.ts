// Server TLS shared by the POP3 and IMAP servers: the configured certificate and key, or on first start a
// self-signed certificate written into the data dir and reused afterwards. Also the STARTTLS-style upgrade of
// an accepted plain socket (RFC 2595 STLS, RFC 3501 STARTTLS) and implicit TLS on accept.
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import type { Socket } from 'node:net';
import * as z from 'zod';
import { createSelfSignedCertificate } from './self-signed.ts';

export const tlsSection = z
  .strictObject({
    certFile: z
      .string()
      .min(1)
      .optional()
      .describe('PEM certificate chain for the IMAP and POP3 servers. When unset a self-signed certificate is created in <dataDir>/tls on first start.'),
    keyFile: z.string().min(1).optional().describe('PEM private key matching certFile.'),
    hostname: z
      .string()
      .min(1)
      .default('localhost')
      .describe('Host name written into the self-signed certificate (ignored when certFile is set).'),
    handshakeTimeoutSeconds: z.number().int().min(1).max(600).default(30).describe('Seconds a client has to complete a TLS handshake.'),
  })
  .prefault({})
  .describe('TLS for the mail servers (STLS/STARTTLS and implicit TLS ports).');

export type TlsConfig = z.infer<typeof tlsSection>;

export interface ServerTls {
  context: SecureContext;
  /** the certificate in PEM, so tests and clients can pin it */
  certPem: string;
  selfSigned: boolean;
  /** where the certificate came from or was written to */
  certFile: string;
  handshakeTimeoutMs: number;
}

export class TlsConfigError extends Error {
  override readonly name = 'TlsConfigError';
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new TlsConfigError(`tls.${what}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

async function selfSigned(dataDir: string, hostname: string): Promise<{ certPem: string; keyPem: string; certFile: string }> {
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'self-signed.crt');
  const keyFile = join(dir, 'self-signed.key');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { certPem: await readFile(certFile, 'utf8'), keyPem: await readFile(keyFile, 'utf8'), certFile };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pair = createSelfSignedCertificate({ commonName: hostname, altNames: ['localhost', '127.0.0.1', '::1'].filter((n) => n !== hostname) });
  // key first, each written to a temporary name and renamed, so a crash never leaves a cert without its key
  await writeFile(`${keyFile}.tmp`, pair.keyPem, { mode: 0o600 });
  await rename(`${keyFile}.tmp`, keyFile);
  await writeFile(`${certFile}.tmp`, pair.certPem, { mode: 0o644 });
  await rename(`${certFile}.tmp`, certFile);
  return { ...pair, certFile };
}

/** Loads the configured certificate, or creates/reuses the self-signed one under `dataDir`. */
export async function loadServerTls(config: TlsConfig, dataDir: string): Promise<ServerTls> {
  const handshakeTimeoutMs = config.handshakeTimeoutSeconds * 1000;
  if (config.certFile || config.keyFile) {
    if (!config.certFile || !config.keyFile) throw new TlsConfigError('tls.certFile and tls.keyFile must be set together');
    const certPem = await readPem(config.certFile, 'certFile');
    const keyPem = await readPem(config.keyFile, 'keyFile');
    try {
      return { context: createSecureContext({ cert: certPem, key: keyPem }), certPem, selfSigned: false, certFile: config.certFile, handshakeTimeoutMs };
    } catch (err) {
      throw new TlsConfigError(`tls: ${config.certFile} / ${config.keyFile} unusable: ${(err as Error).message}`);
    }
  }
  const pair = await selfSigned(dataDir, config.hostname);
  return { context: createSecureContext({ cert: pair.certPem, key: pair.keyPem }), certPem: pair.certPem, selfSigned: true, certFile: pair.certFile, handshakeTimeoutMs };
}

/**
 * Starts server-side TLS on an accepted socket (implicit TLS, or after STLS/STARTTLS was answered) and resolves
 * once the handshake is done; rejects (and destroys the socket) on failure or timeout.
 */
export function upgradeToTls(socket: Socket, tls: ServerTls): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = new TLSSocket(socket, { isServer: true, secureContext: tls.context });
    const timer = setTimeout(() => fail(new Error('TLS handshake timed out')), tls.handshakeTimeoutMs);
    function fail(err: Error): void {
      clearTimeout(timer);
      secure.destroy();
      reject(err);
    }
    secure.once('secure', () => {
      clearTimeout(timer);
      secure.off('error', fail);
      resolve(secure);
    });
    secure.once('error', fail);
  });
}
