import * as z from 'zod';

export const httpSection = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Address the HTTP listener (GET /health) binds to. Keep it on loopback unless a proxy fronts it.'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8025)
      .describe('TCP port of the HTTP listener; 0 picks a free port (the chosen port is logged).'),
  })
  .prefault({})
  .describe('The HTTP listener: GET /health answers {"status":"ok","version":...}.');
