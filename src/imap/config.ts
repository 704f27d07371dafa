// The IMAP server's configuration section (composed into the whole schema by src/config/schema.ts).
import * as z from 'zod';
import { loginThrottleFields } from '../net/login-throttle-config.ts';

const port = (fallback: number, what: string) =>
  z.number().int().min(0).max(65535).default(fallback).describe(`${what}; 0 picks a free port (the chosen port is logged).`);

export const imapSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Serve IMAP4rev1 (RFC 3501) to mail clients for the local accounts.'),
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Address the IMAP listeners bind to; "0.0.0.0" or "::" to serve other machines.'),
    port: port(1143, 'Port for IMAP with STARTTLS (RFC 3501 §6.2.1)'),
    implicitTls: z.boolean().default(true).describe('Also listen on tlsPort with TLS from the first byte (IMAPS, RFC 8314).'),
    tlsPort: port(1993, 'Port for IMAP over implicit TLS'),
    allowPlaintext: z
      .enum(['loopback', 'always', 'never'])
      .default('loopback')
      .describe(
        'Where LOGIN and AUTHENTICATE are accepted without TLS: "loopback" (only from this machine), "always", or ' +
          '"never" (TLS required everywhere). Elsewhere the server announces LOGINDISABLED (RFC 3501 §6.2.3).',
      ),
    idleTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .default(1800)
      .describe('Close a connection silent for this long, IDLE included. RFC 3501 §5.4 asks for at least 30 minutes.'),
    maxConnections: z.number().int().min(1).default(1000).describe('Open IMAP connections at most, all clients together.'),
    maxConnectionsPerIp: z.number().int().min(1).default(50).describe('Open IMAP connections at most from one client address.'),
    connectionsPerIpPerMinute: z
      .number()
      .int()
      .min(0)
      .default(300)
      .describe('New connections accepted per minute from one client address; 0 = no limit.'),
    ...loginThrottleFields,
    appendLimitBytes: z
      .number()
      .int()
      .min(1024)
      .default(256 * 1024 * 1024)
      .describe('Largest message APPEND accepts, announced as APPENDLIMIT (RFC 7889); larger ones get NO [TOOBIG].'),
  })
  .prefault({})
  .describe('The IMAP server: the local accounts over IMAP4rev1 with IDLE, UIDPLUS, MOVE, CONDSTORE/QRESYNC and more.');

export type ImapConfig = z.infer<typeof imapSection>;
