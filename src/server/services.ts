// The listeners `mailferry serve` starts, in order; each later front end (IMAP, POP3, SMTP) is one more line.
import type { Service } from './service.ts';
import { httpService } from './health.ts';
import { pop3Service } from '../pop3/service.ts';
import { imapService } from '../imap/server/service.ts';
import { pollService } from '../poll/service.ts';

export const services: readonly Service[] = [
  httpService,
  pop3Service,
  imapService,
  pollService,
];
