// Settings shared by the endpoints that talk to a server (IMAP, POP3).
import type { Logger } from '../log/logger.ts';
import type { Pop3AuthMechanism } from '../pop3/client/auth.ts';
import type { CredentialProvider } from './credentials.ts';

export interface RemoteOptions {
  credentials: CredentialProvider;
  /** accept a certificate that does not verify (self-signed test peers); logged loudly */
  insecure?: boolean;
  /** permit a password over an unencrypted connection when the server offers no STARTTLS */
  allowPlaintext?: boolean;
  logger: Logger;
  /** extra trusted CA certificates (PEM) */
  ca?: string | Buffer;
  /** outgoing connections from this local address (a poll's source IP); the operating system chooses when absent */
  localAddress?: string;
  /** no TLS at all, chosen by the administrator for this account (a poll record's --tls none); implies allowPlaintext */
  plaintextOnly?: boolean;
  /** longest wait to connect and for each answer */
  timeoutMs?: number;
  /** POP3 login mechanism (USER/PASS, APOP, CRAM-MD5…), when the URL's auth is not enough (poll records' --auth) */
  pop3Mechanism?: Pop3AuthMechanism;
}
