// Walks the config schema into a flat list of keys (path, type, default, description, environment name).
// The docs generator, the environment overrides and the error messages all read this one list.
import type * as z from 'zod';
import { configSchema } from './schema.ts';

export type FieldKind = 'string' | 'number' | 'boolean' | 'enum';

export interface ConfigField {
  /** dotted key path: "http.port" */
  path: string;
  kind: FieldKind;
  /** human type for the docs: "integer 0–65535", "one of a | b" */
  typeText: string;
  /** the embedded default, undefined when the key is optional without one */
  defaultValue: unknown;
  optional: boolean;
  description: string;
  /** general environment name: MAILFERRY_HTTP_PORT */
  env: string;
  /** the enum's values, when kind is "enum" */
  values?: readonly string[];
}

export interface ConfigSection {
  name: string;
  description: string;
  fields: ConfigField[];
}

// zod 4 keeps each schema's definition on `.def`; these are the few wrapper and leaf kinds the config uses.
interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  checks?: Array<{ _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } } }>;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** MAILFERRY_ + path segments in upper snake case: store.dataDir → MAILFERRY_STORE_DATA_DIR */
export function envNameFor(path: string): string {
  const segments = path.split('.').map((s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase());
  return ['MAILFERRY', ...segments].join('_');
}

function unwrap(schema: z.ZodType): { leaf: z.ZodType; defaultValue: unknown; optional: boolean } {
  let current = schema;
  let defaultValue: unknown;
  let optional = false;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'default' || def.type === 'prefault') defaultValue ??= def.defaultValue;
    else if (def.type === 'optional') optional = true;
    else return { leaf: current, defaultValue, optional };
    current = def.innerType!;
  }
}

function describeNumber(def: Def): string {
  let integer = false;
  let min: number | undefined;
  let max: number | undefined;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && c.format?.includes('int')) integer = true;
    if (c.check === 'greater_than') min = c.value;
    if (c.check === 'less_than') max = c.value;
  }
  const base = integer ? 'integer' : 'number';
  if (min !== undefined && max !== undefined) return `${base} ${min}–${max}`;
  if (min !== undefined) return `${base} ≥ ${min}`;
  if (max !== undefined) return `${base} ≤ ${max}`;
  return base;
}

function fieldOf(path: string, schema: z.ZodType): ConfigField {
  const { leaf, defaultValue, optional } = unwrap(schema);
  const def = defOf(leaf);
  const description = schema.description ?? leaf.description ?? '';
  const common = { path, defaultValue, optional, description, env: envNameFor(path) };
  switch (def.type) {
    case 'string':
      return { ...common, kind: 'string', typeText: 'string' };
    case 'boolean':
      return { ...common, kind: 'boolean', typeText: 'boolean' };
    case 'number':
      return { ...common, kind: 'number', typeText: describeNumber(def) };
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return { ...common, kind: 'enum', typeText: `one of ${values.join(' | ')}`, values };
    }
    default:
      throw new Error(`config schema: ${path} has type ${def.type}, which fields.ts does not describe yet`);
  }
}

/** The leaf keys under an object schema, nested objects flattened into dotted paths. */
function fieldsUnder(prefix: string, objectSchema: z.ZodType): ConfigField[] {
  const shape = defOf(unwrap(objectSchema).leaf).shape ?? {};
  return Object.entries(shape).flatMap(([key, schema]) => {
    const path = `${prefix}.${key}`;
    return defOf(unwrap(schema).leaf).type === 'object' ? fieldsUnder(path, schema) : [fieldOf(path, schema)];
  });
}

/** The sections of the schema with their keys, in declaration order. */
export function configSections(): ConfigSection[] {
  return Object.entries(configSchema.shape).map(([name, sectionSchema]) => ({
    name,
    description: sectionSchema.description ?? '',
    fields: fieldsUnder(name, sectionSchema),
  }));
}

export function configFields(): ConfigField[] {
  return configSections().flatMap((section) => section.fields);
}
