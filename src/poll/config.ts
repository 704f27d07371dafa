// The poll scheduler's configuration section (composed into the whole schema by src/config/schema.ts).
import * as z from 'zod';

const minutes = (fallback: number, what: string) => z.number().min(0).default(fallback).describe(what);

export const pollSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Run the poll scheduler inside `mailferry serve` (remote POP3/IMAP accounts fetched on their schedule).'),
    processes: z.number().int().min(1).max(1000).default(10).describe('Most polls running at once, all remote hosts together.'),
    perHost: z.number().int().min(1).max(1000).default(5).describe('Most polls running at once against one remote host.'),
    failedHostDelayMinutes: minutes(10, 'A host that refused or did not answer a connection is not tried again for this long, for all its accounts.'),
    failedAccountDelayMinutes: minutes(30, 'An account whose login was refused (wrong password, locked mailbox) is not tried again for this long.'),
    retryDelayMinutes: minutes(5, 'After any other failure (dropped connection, server busy) the record is tried again after this long.'),
    allowSelfPoll: z
      .boolean()
      .default(false)
      .describe("Allow records whose host resolves to one of this server's own addresses and POP3/IMAP ports (a mail loop otherwise)."),
    sourceAddress: z
      .string()
      .min(1)
      .optional()
      .describe('Local IP address outgoing poll connections are made from; the operating system chooses when unset.'),
    checkIntervalSeconds: z.number().min(0.05).default(5).describe('How often the scheduler looks for records that are due.'),
    leaseSeconds: z
      .number()
      .int()
      .min(10)
      .default(600)
      .describe('Length of the lease a running poll holds on its record (renewed while it runs); a crashed node\'s polls are taken up again after it.'),
    timeoutSeconds: z.number().int().min(1).default(60).describe('Longest wait for a remote server to connect or answer.'),
  })
  .prefault({})
  .describe('Polling of remote POP3/IMAP accounts into local accounts (RPOP/RIMAP, remote accounts, domain-wide catch-all).');

export type PollConfig = z.infer<typeof pollSection>;
