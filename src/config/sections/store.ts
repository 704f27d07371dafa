import * as z from 'zod';

export const storeSection = z
  .strictObject({
    dataDir: z
      .string()
      .min(1)
      .default('./data')
      .describe(
        'Directory holding the SQLite database and the message files. A relative path is taken from the ' +
          'working directory mailferry was started in.',
      ),
  })
  .prefault({})
  .describe('The local store: accounts, folders and messages.');
