// Environment overrides: every key has the general name MAILFERRY_<SECTION>_<KEY> (camelCase keys in upper
// snake case: store.dataDir → MAILFERRY_STORE_DATA_DIR), plus the few shortcuts of schema.ts (MAILFERRY_DATA_DIR).
import { ENV_SHORTCUTS } from './schema.ts';
import { configFields, type ConfigField } from './fields.ts';

export interface Override {
  path: string;
  value: unknown;
  /** where the value came from, for error messages: "from MAILFERRY_HTTP_PORT" */
  origin: string;
}

/**
 * Environment strings become the key's type when they read as one; otherwise they are passed on unchanged
 * so validation reports them with the variable's name.
 */
function fromEnvString(field: ConfigField, text: string): unknown {
  if (field.kind === 'number' && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (field.kind === 'boolean') {
    const lower = text.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
  }
  return text;
}

export function envOverrides(env: NodeJS.ProcessEnv): Override[] {
  const fields = configFields();
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const overrides: Override[] = [];
  for (const [name, path] of Object.entries(ENV_SHORTCUTS)) {
    const field = byPath.get(path);
    const text = env[name];
    if (field && text !== undefined && text !== '') {
      overrides.push({ path, value: fromEnvString(field, text), origin: `from ${name}` });
    }
  }
  // General names come after the shortcuts, so they win when both are set.
  for (const field of fields) {
    const text = env[field.env];
    if (text !== undefined && text !== '') {
      overrides.push({ path: field.path, value: fromEnvString(field, text), origin: `from ${field.env}` });
    }
  }
  return overrides;
}
