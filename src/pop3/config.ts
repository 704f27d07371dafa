// The POP3 server's configuration section (composed into the whole schema by src/config/schema.ts).
import * as z from 'zod';
import { loginThrottleFields } from '../net/login-throttle-config.ts';

const port = (fallback: number, what: string) =>
  z.number().int().min(0).max(65535).default(fallback).describe(`${what}; 0 picks a free port (the chosen port is logged).`);

export const pop3Section = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Serve POP3 (RFC 1939) to mail clients for the local accounts.'),
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Address the POP3 listeners bind to; "0.0.0.0" or "::" to serve other machines.'),
    port: port(1110, 'Port for POP3 with STLS (RFC 2595)'),
    implicitTls: z.boolean().default(true).describe('Also listen on tlsPort with TLS from the first byte (POP3S).'),
    tlsPort: port(1995, 'Port for POP3 over implicit TLS'),
    allowPlaintext: z
      .enum(['loopback', 'always', 'never'])
      .default('loopback')
      .describe(
        'Where USER/PASS and AUTH PLAIN are accepted without TLS: "loopback" (only from this machine), "always", ' +
          'or "never" (TLS required everywhere). APOP is always allowed when enabled.',
      ),
    idleTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .default(600)
      .describe('Close a connection silent for this long. RFC 1939 §3 asks for at least 10 minutes.'),
    maxConnections: z.number().int().min(1).default(500).describe('Open POP3 connections at most, all clients together.'),
    maxConnectionsPerIp: z.number().int().min(1).default(20).describe('Open POP3 connections at most from one client address.'),
    connectionsPerIpPerMinute: z
      .number()
      .int()
      .min(0)
      .default(120)
      .describe('New connections accepted per minute from one client address; 0 = no limit.'),
    ...loginThrottleFields,
    markSeen: z
      .boolean()
      .default(true)
      .describe('Set \\Seen on the messages retrieved in a session when it ends with QUIT (as Dovecot does).'),
  })
  .prefault({})
  .describe('The POP3 server: INBOX of each local account over POP3 (RFC 1939, 2449, 2595 STLS, 5034 AUTH).');

export type Pop3Config = z.infer<typeof pop3Section>;
