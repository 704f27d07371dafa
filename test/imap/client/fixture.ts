// A private Dovecot for the IMAP client tests: folders with "/" as separator stored in LAYOUT=fs (so a "."
// is an ordinary character in a name), optional OAuth2 (JWT validated locally with an HMAC key).
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDovecot, type DovecotInstance } from '../../helpers/dovecot.ts';
import { ImapClient, type ConnectOptions } from '../../../src/imap/client/client.ts';

export const USER = 'alice';
/** quotes, backslash, space and 8-bit: LOGIN must send it as a literal */
export const PASSWORD = 'pä"ss\\wörd 1';

export interface ClientFixture {
  dovecot: DovecotInstance;
  connect(options?: Partial<ConnectOptions>): Promise<ImapClient>;
  /** a signed bearer token for USER, expiring in `seconds` (negative: already expired) */
  token(seconds: number): string;
  stop(): Promise<void>;
}

export interface FixtureOptions {
  oauth?: boolean;
  tls?: boolean;
  /** replaces what Dovecot advertises after login (`imap_capability`), to exercise fallbacks */
  capabilities?: string;
}

export async function startFixture(options: FixtureOptions = {}): Promise<ClientFixture> {
  const keyDir = mkdtempSync(join(tmpdir(), 'mf-imapc-oauth-'));
  chmodSync(keyDir, 0o755);
  const key = randomBytes(32);
  mkdirSync(join(keyDir, 'keys/default/HS256'), { recursive: true });
  writeFileSync(join(keyDir, 'keys/default/HS256/default'), key.toString('base64'));
  writeFileSync(join(keyDir, 'oauth2.conf'), `introspection_mode = local\nlocal_validation_key_dict = fs:posix:prefix=${keyDir}/keys/\nusername_attribute = sub\n`);
  const oauth = options.oauth
    ? `auth_mechanisms = plain login xoauth2 oauthbearer\npassdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${keyDir}/oauth2.conf\n}\n`
    : '';
  let dovecot: DovecotInstance;
  try {
    dovecot = await startDovecot({
      users: [{ user: USER, password: PASSWORD }],
      tls: options.tls,
      extraConfig: (options.capabilities ? `imap_capability = ${options.capabilities}\n` : '') + `namespace inbox {\n  inbox = yes\n  separator = /\n  mailbox Trash {\n    special_use = \\Trash\n    auto = create\n  }\n}\nmail_location = maildir:~/Maildir:LAYOUT=fs\n${oauth}`,
    });
  } catch (err) {
    rmSync(keyDir, { recursive: true, force: true });
    throw err;
  }
  const clients: ImapClient[] = [];
  return {
    dovecot,
    async connect(overrides = {}) {
      const client = await ImapClient.connect({
        host: '127.0.0.1', port: dovecot.imapPort, security: 'none', allowPlaintextAuth: true,
        auth: { user: USER, password: PASSWORD }, ...overrides,
      });
      clients.push(client);
      return client;
    },
    token(seconds) {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: USER, iat: now - 60, nbf: now - 60, exp: now + seconds })}`;
      return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
    },
    async stop() {
      for (const client of clients) client.close();
      await dovecot.stop();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** Messages that break naive clients: 8-bit headers, NUL, bare LF, CR alone, 100 KB lines, no final CRLF. */
export function hostileMessages(): Buffer[] {
  return [
    Buffer.from('Subject: plain\r\nMessage-ID: <plain@test>\r\n\r\nhello\r\n'),
    Buffer.from('Subject: 8-bit h\xe9ader \xff\r\nFrom: J\xf6rg <j@example.org>\r\n\r\n\x80\x81\xfe body\r\n', 'latin1'),
    Buffer.concat([Buffer.from('Subject: NUL\r\n\r\nbefore'), Buffer.from([0]), Buffer.from('after\r\n')]),
    Buffer.from(`Subject: long line\r\n\r\n${'x'.repeat(100_000)}\r\n${'y'.repeat(100_000)}\r\n`),
    Buffer.from('Subject: no final newline\r\n\r\nend'),
    Buffer.from('Subject: lone CR\r\n\r\na\rb\r\n'),
    Buffer.from('Subject: looks like IMAP\r\n\r\n)\r\nA1 OK fake\r\n* 1 EXISTS\r\n{5}\r\n'),
    Buffer.from('Subject: bare LF\n\nline1\nline2\n'),
  ];
}

/** Dovecot stores bare LF as CRLF (mail_save_crlf); every other byte comes back as sent. */
export function asDovecotStores(message: Buffer): Buffer {
  return Buffer.from(message.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
