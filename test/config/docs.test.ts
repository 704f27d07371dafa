import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderConfigDocs } from '../../src/config/docs.ts';
import { configFields } from '../../src/config/fields.ts';

test('docs/config.md is up to date with the schema (npm run docs:config)', () => {
  const current = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
  assert.equal(current, renderConfigDocs(), 'docs/config.md is out of date: run npm run docs:config');
});

test('every key has a description and is documented with its environment variable', () => {
  const text = renderConfigDocs();
  for (const field of configFields()) {
    assert.ok(field.description.length > 10, `${field.path} needs a .describe() text`);
    assert.ok(text.includes(`\`${field.path}\``), `${field.path} missing from the docs`);
    assert.ok(text.includes(`\`${field.env}\``), `${field.env} missing from the docs`);
  }
});
