// Shared helpers for the codec tests: frame bytes with the real reader, then parse.

import assert from 'node:assert/strict';
import { CommandReader } from '../../../src/imap/codec/command-reader.ts';
import type { ReaderEvent, ReaderLimits } from '../../../src/imap/codec/command-reader.ts';
import type { Command } from '../../../src/imap/codec/commands.ts';
import { ParseError } from '../../../src/imap/codec/parse-error.ts';
import { parseCommand } from '../../../src/imap/codec/parser.ts';
import type { ParseOptions } from '../../../src/imap/codec/parser.ts';

/** Every event the reader produces for `input`, accepting every synchronising literal. */
export function frameAll(input: string | Buffer | Buffer[], limits: Partial<ReaderLimits> = {}): ReaderEvent[] {
  const reader = new CommandReader(limits);
  const events: ReaderEvent[] = [];
  const chunks = Array.isArray(input) ? input : [typeof input === 'string' ? Buffer.from(input, 'utf8') : input];
  for (const chunk of chunks) {
    reader.push(chunk);
    for (let event = reader.next(); event; event = reader.next()) {
      events.push(event);
      if (event.kind === 'continue') reader.acceptLiteral();
    }
  }
  return events;
}

/** Parses one command given as wire text without its final CRLF. */
export function parse(input: string, options: ParseOptions = {}): Command {
  const text = `${input}\r\n`;
  const commands = frameAll(text).filter((e) => e.kind === 'command');
  assert.equal(commands.length, 1, `expected one command in ${JSON.stringify(input)}`);
  const event = commands[0];
  assert.ok(event.kind === 'command');
  return parseCommand(event.command, options);
}

/** Asserts that `input` fails with a ParseError (never another exception) and returns it. */
export function parseFails(input: string, message?: RegExp, options: ParseOptions = {}): ParseError {
  try {
    parse(input, options);
  } catch (error) {
    assert.ok(error instanceof ParseError, `expected ParseError for ${JSON.stringify(input)}, got ${String(error)}`);
    if (message) assert.match(error.message, message, JSON.stringify(input));
    return error;
  }
  assert.fail(`expected ${JSON.stringify(input)} to fail`);
}
