// pino with the four levels of the design: problems (errors only), major (one line per session — the
// administrator's everyday level), low-level (protocol traces, secrets masked), all.
import pino, { type Logger as PinoLogger } from 'pino';

export const LOG_LEVELS = ['problems', 'major', 'low-level', 'all'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const customLevels = { problems: 50, major: 30, lowlevel: 20, all: 10 } as const;
type CustomLevel = keyof typeof customLevels;
export type Logger = PinoLogger<CustomLevel, true>;

const levelOf: Record<LogLevelName, CustomLevel> = {
  problems: 'problems', major: 'major', 'low-level': 'lowlevel', all: 'all',
};

/** Keys whose values never reach a log line, at any depth we know of. */
const SECRET_KEYS = ['password', 'pass', 'token', 'secret', 'authorization', 'credentials', 'passwordFile'];
const redactPaths = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export interface LoggerOptions {
  level?: LogLevelName;
  /** a writable destination; standard error when omitted (standard output is the CLI's) */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino<CustomLevel, true>(
    {
      level: levelOf[options.level ?? 'major'],
      customLevels,
      useOnlyCustomLevels: true,
      redact: { paths: redactPaths, censor: '***' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

/** The process-wide logger; `configureLogging` replaces its level and destination at start. */
export let log: Logger = createLogger({ level: (process.env.MAILFERRY_LOG_LEVEL as LogLevelName) || 'major' });

export function configureLogging(options: LoggerOptions): Logger {
  log = createLogger(options);
  return log;
}
