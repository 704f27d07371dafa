// Turns a zod issue into the one line that stops the start: the key path, what was expected, what was found,
// and where the value came from (the file, an environment variable, a command-line option).
import type * as z from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(detail: string) {
    super(`config error: ${detail}`);
  }
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function expectedText(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'int') return 'an integer';
  return expected;
}

function problemOf(issue: z.core.$ZodIssue, knownKeys: (path: string) => string[]): { path: string; text: string } {
  const path = issue.path.map(String).join('.');
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = path ? `${path}.${issue.keys[0]}` : issue.keys[0];
      const known = knownKeys(path);
      return { path: key, text: `unknown key${known.length ? ` (known here: ${known.join(', ')})` : ''}` };
    }
    case 'invalid_value':
      return { path, text: `expected one of ${issue.values.map(String).join('|')}, got ${shown(input)}` };
    case 'invalid_type':
      return { path, text: `expected ${expectedText(issue.expected)}, got ${shown(input)}` };
    case 'too_small':
      return issue.origin === 'string'
        ? { path, text: `must not be empty` }
        : { path, text: `must be at least ${issue.minimum}, got ${shown(input)}` };
    case 'too_big':
      return { path, text: `must be at most ${issue.maximum}, got ${shown(input)}` };
    case 'invalid_format':
      return { path, text: `${issue.message}, got ${shown(input)}` };
    default:
      return { path, text: issue.message };
  }
}

/**
 * The message for the first issue. `originOf` names where the value at a path came from;
 * `knownKeys` lists the keys allowed under a path (for unknown-key hints).
 */
export function configErrorFromIssue(
  issue: z.core.$ZodIssue,
  originOf: (path: string) => string,
  knownKeys: (path: string) => string[],
): ConfigError {
  const { path, text } = problemOf(issue, knownKeys);
  return new ConfigError(`${path || '(top level)'}: ${text} (${originOf(path)})`);
}
