// The whole configuration: one section per module, composed here. Each key has a default and a description;
// docs/config.md is generated from this schema (npm run docs:config). Unknown keys are refused (strict objects).
import * as z from 'zod';
import { storeSection } from './sections/store.ts';
import { logSection } from './sections/log.ts';
import { httpSection } from './sections/http.ts';
import { tlsSection } from '../net/tls.ts';
import { pop3Section } from '../pop3/config.ts';
import { imapSection } from '../imap/config.ts';
import { pollSection } from '../poll/config.ts';

export const configSchema = z.strictObject({
  store: storeSection,
  log: logSection,
  http: httpSection,
  tls: tlsSection,
  pop3: pop3Section,
  imap: imapSection,
  poll: pollSection,
});

export type Config = z.infer<typeof configSchema>;

/**
 * Short environment names kept for convenience; every key also has its general name
 * MAILFERRY_<SECTION>_<KEY> (see fields.ts), which wins when both are set.
 */
export const ENV_SHORTCUTS: Readonly<Record<string, string>> = {
  MAILFERRY_DATA_DIR: 'store.dataDir',
};
