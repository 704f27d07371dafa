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
const secretKeySet = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

/**
 * Masks secret keys at any depth of plain objects and arrays (pino's redact paths stop at a fixed depth).
 * Copies only the branches that hold a secret; other values are returned as they are.
 */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const masked = value.map((item) => maskSecrets(item, depth + 1));
    return masked.some((item, i) => item !== value[i]) ? masked : value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const masked = secretKeySet.has(key.toLowerCase()) && item !== undefined ? '***' : maskSecrets(item, depth + 1);
    if (masked !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = masked;
  }
  return copy ?? value;
}

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
      // Log objects are masked at any depth; child-logger bindings (conn, account, job) carry no secrets.
      formatters: { log: (object) => maskSecrets(object) as Record<string, unknown> },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

/** The process-wide logger; `configureLogging` replaces its level and destination at start. */
// A bad MAILFERRY_LOG_LEVEL is reported by the config validation; until then the default level is used.
const envLevel = process.env.MAILFERRY_LOG_LEVEL as LogLevelName | undefined;
export let log: Logger = createLogger({ level: envLevel && LOG_LEVELS.includes(envLevel) ? envLevel : 'major' });

export function configureLogging(options: LoggerOptions): Logger {
  log = createLogger(options);
  return log;
}
