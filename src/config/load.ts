// Loads the configuration: embedded defaults < YAML file < environment < command-line options.
// The file is --config FILE, else $MAILFERRY_CONFIG, else ./mailferry.yaml when it exists, else none.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { configSchema, type Config } from './schema.ts';
import { configFields } from './fields.ts';
import { envOverrides, type Override } from './env.ts';
import { ConfigError, configErrorFromIssue } from './errors.ts';

export const DEFAULT_CONFIG_FILE = 'mailferry.yaml';

export interface LoadOptions {
  /** an explicit file (--config); it must exist */
  file?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** command-line options, applied last */
  overrides?: Override[];
}

export interface LoadedConfig {
  config: Config;
  /** absolute path of the file read, if any */
  file: string | undefined;
}

function chooseFile(options: LoadOptions, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (options.file) return resolve(cwd, options.file);
  if (env.MAILFERRY_CONFIG) return resolve(cwd, env.MAILFERRY_CONFIG);
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(`cannot read ${file}: ${reason}`);
  }
  const document = parseDocument(text);
  const syntax = document.errors[0];
  if (syntax) throw new ConfigError(`YAML syntax: ${syntax.message.split('\n')[0]} (in ${file})`);
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`(top level): expected a mapping of sections, got ${typeof value} (in ${file})`);
  }
  return value as Record<string, unknown>;
}

/** Sets a dotted path in a plain object, creating the mappings on the way (a non-mapping in the way is replaced). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function knownKeysUnder(path: string): string[] {
  const prefix = path ? `${path}.` : '';
  const names = configFields()
    .filter((f) => f.path.startsWith(prefix))
    .map((f) => f.path.slice(prefix.length).split('.')[0]);
  return [...new Set(names)];
}

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = chooseFile(options, env, cwd);
  const raw = file ? readYaml(file) : {};

  const origins = new Map<string, string>();
  for (const override of [...envOverrides(env), ...(options.overrides ?? [])]) {
    setPath(raw, override.path, override.value);
    origins.set(override.path, override.origin);
  }
  const originOf = (path: string): string => origins.get(path) ?? (file ? `in ${file}` : 'embedded default');

  const result = configSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw configErrorFromIssue(result.error.issues[0], originOf, knownKeysUnder);

  const config = result.data;
  // Paths are taken from the working directory mailferry was started in (documented in docs/config.md).
  config.store.dataDir = resolve(cwd, config.store.dataDir);
  if (config.log.file) config.log.file = resolve(cwd, config.log.file);
  return { config, file };
}
