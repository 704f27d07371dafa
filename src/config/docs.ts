// Renders docs/config.md from the schema: one table per section (key, type, default, environment variable,
// description) and a YAML file holding every default. scripts/gen-config-docs.ts writes it; a test compares.
import { stringify } from 'yaml';
import { configSections, type ConfigField } from './fields.ts';
import { ENV_SHORTCUTS } from './schema.ts';
import { DEFAULT_CONFIG_FILE } from './load.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function defaultText(field: ConfigField): string {
  if (field.defaultValue === undefined) return field.optional ? '(none)' : '(required)';
  return '`' + JSON.stringify(field.defaultValue) + '`';
}

function envText(field: ConfigField): string {
  const shortcuts = Object.entries(ENV_SHORTCUTS).filter(([, path]) => path === field.path).map(([name]) => name);
  return [field.env, ...shortcuts].map((name) => '`' + name + '`').join(', ');
}

function exampleYaml(): string {
  const document: Record<string, Record<string, unknown>> = {};
  for (const section of configSections()) {
    for (const field of section.fields) {
      if (field.defaultValue === undefined) continue;
      const keys = field.path.split('.');
      let node: Record<string, unknown> = document;
      for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      node[keys[keys.length - 1]] = field.defaultValue;
    }
  }
  return stringify(document);
}

export function renderConfigDocs(): string {
  const lines: string[] = [
    '# Configuration reference',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run docs:config`; do not edit by hand. -->',
    '',
    'mailferry reads one YAML file, then the environment, then the command line; each later source wins:',
    '',
    '1. embedded defaults (below);',
    `2. the file given with \`--config FILE\`, else the file named by \`MAILFERRY_CONFIG\`, else \`./${DEFAULT_CONFIG_FILE}\` ` +
      'when it exists (no file at all is fine);',
    '3. environment variables: every key has one, `MAILFERRY_<SECTION>_<KEY>` with the key in upper snake case ' +
      '(`http.port` → `MAILFERRY_HTTP_PORT`, `store.dataDir` → `MAILFERRY_STORE_DATA_DIR`); a few have a short ' +
      'name too (`MAILFERRY_DATA_DIR`), and the general name wins when both are set;',
    '4. the global options `--data-dir DIR` (`store.dataDir`) and `--log-level LEVEL` (`log.level`).',
    '',
    'Relative paths are taken from the working directory mailferry is started in. The configuration is checked at ' +
      'start: an unknown key or a bad value stops mailferry with one line naming the key and where the value came from, ' +
      'for example:',
    '',
    '```',
    'config error: log.level: expected one of problems|major|low-level|all, got "loud" (in /etc/mailferry.yaml)',
    '```',
    '',
  ];
  for (const section of configSections()) {
    lines.push(`## \`${section.name}\``, '', section.description, '');
    lines.push('| key | type | default | environment | description |', '| --- | --- | --- | --- | --- |');
    for (const field of section.fields) {
      lines.push(
        `| \`${field.path}\` | ${cell(field.typeText)} | ${cell(defaultText(field))} | ${envText(field)} | ${cell(field.description)} |`,
      );
    }
    lines.push('');
  }
  lines.push('## A file with every default', '', '```yaml', exampleYaml().trimEnd(), '```', '');
  return lines.join('\n');
}
