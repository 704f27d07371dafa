// Failed-login throttling settings, the same for every front end that checks passwords (IMAP, POP3).
import * as z from 'zod';

export const loginThrottleFields = {
    failedLoginDelayMs: z
      .number()
      .int()
      .min(0)
      .default(1000)
      .describe('Delay before answering a failed login; doubles with each further failure from the same address or for the same account.'),
    maxFailedLoginDelayMs: z.number().int().min(0).default(8000).describe('Longest delay before answering a failed login.'),
    maxFailedLoginsPerIp: z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe('Failed logins from one address within failedLoginWindowSeconds after which its logins are refused for a while.'),
    maxFailedLoginsPerAccount: z
      .number()
      .int()
      .min(1)
      .default(15)
      .describe('Failed logins for one account within failedLoginWindowSeconds after which its logins are refused for a while.'),
    failedLoginWindowSeconds: z.number().int().min(1).default(900).describe('Window over which failed logins are counted.'),
};
