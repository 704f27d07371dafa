import * as z from 'zod';
import { LOG_LEVELS } from '../../log/logger.ts';

export const logSection = z
  .strictObject({
    level: z
      .enum(LOG_LEVELS)
      .default('major')
      .describe(
        'How much to log: problems (errors only), major (one line per session: the everyday level), ' +
          'low-level (protocol commands and responses, secrets masked), all.',
      ),
    file: z
      .string()
      .min(1)
      .optional()
      .describe('Append log lines to this file instead of standard error. Its directory is created.'),
    format: z
      .enum(['auto', 'json', 'text'])
      .default('auto')
      .describe(
        'json: one JSON object per line (for log collectors); text: time, level, message and fields, for people; ' +
          'auto: text when writing to a terminal, JSON otherwise.',
      ),
  })
  .prefault({})
  .describe('Logging.');
