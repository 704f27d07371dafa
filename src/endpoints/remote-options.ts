// Settings shared by the endpoints that talk to a server (IMAP, POP3).
import type { Logger } from '../log/logger.ts';
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
}
