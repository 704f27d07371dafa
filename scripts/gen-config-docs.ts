// npm run docs:config — writes docs/config.md from the config schema. With --check, only reports whether the
// file is up to date (exit 1 when it is not).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigDocs } from '../src/config/docs.ts';

const target = fileURLToPath(new URL('../docs/config.md', import.meta.url));
const text = renderConfigDocs();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // a missing file is simply out of date
  }
  if (current !== text) {
    console.error('docs/config.md is out of date: run npm run docs:config');
    process.exit(1);
  }
  console.log('docs/config.md is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
