// Points the process-wide logger at the configured level, destination (standard error, or log.file) and format.
import pino from 'pino';
import { configureLogging, type Logger } from '../log/logger.ts';
import type { Config } from '../config/schema.ts';
import { textDestination } from './text-log.ts';

export function setupLogging(logConfig: Config['log']): Logger {
  const toFile = logConfig.file !== undefined;
  const text = logConfig.format === 'text' || (logConfig.format === 'auto' && !toFile && process.stderr.isTTY === true);
  const destination = toFile
    ? pino.destination({ dest: logConfig.file, mkdir: true, append: true, sync: false })
    : text
      ? textDestination(process.stderr)
      : pino.destination({ dest: 2, sync: false });
  if (text && toFile) return configureLogging({ level: logConfig.level, destination: textDestination(destination) });
  return configureLogging({ level: logConfig.level, destination });
}
