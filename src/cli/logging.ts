// Points the process-wide logger at the configured level and destination (standard error, or log.file).
import pino from 'pino';
import { configureLogging, type Logger } from '../log/logger.ts';
import type { Config } from '../config/schema.ts';

export function setupLogging(logConfig: Config['log']): Logger {
  const destination = logConfig.file
    ? pino.destination({ dest: logConfig.file, mkdir: true, append: true, sync: false })
    : pino.destination({ dest: 2, sync: false });
  return configureLogging({ level: logConfig.level, destination });
}
