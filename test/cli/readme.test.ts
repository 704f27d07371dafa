// The README only shows command lines that exist: every `mailferry …` line names real commands and options
// and has a number of arguments the command accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createProgram } from '../../src/cli/program.ts';

function commandLines(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.startsWith('npx mailferry '))
    .map((line) => line.replace(/^npx /, '').split(/\s+/).slice(1));
}

function check(program: Command, words: string[]): void {
  let command = program;
  let rest = [...words];
  for (;;) {
    const next = command.commands.find((c) => c.name() === rest[0]);
    if (!next) break;
    command = next;
    rest = rest.slice(1);
  }
  const line = `mailferry ${words.join(' ')}`;
  assert.notEqual(command, program, `${line}: no such command`);
  const knownOptions = [...command.options, ...program.options];
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i];
    if (!word.startsWith('-')) {
      positional.push(word);
      continue;
    }
    const option = knownOptions.find((o) => o.long === word || o.short === word);
    assert.ok(option, `${line}: unknown option ${word}`);
    if (option.required || option.optional) i += 1;
  }
  const args = command.registeredArguments;
  const required = args.filter((a) => a.required).length;
  assert.ok(positional.length >= required && positional.length <= args.length, `${line}: wrong number of arguments`);
}

test('every mailferry command line in README.md exists with those options and arguments', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const lines = commandLines(readme);
  assert.ok(lines.length >= 10, `found only ${lines.length} command lines`);
  const program = createProgram();
  for (const words of lines) check(program, words);
});
