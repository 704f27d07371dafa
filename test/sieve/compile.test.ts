import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileSieve, SieveError } from '../../src/sieve/index.ts';

function errorOf(source: string): SieveError {
  try {
    compileSieve(source);
  } catch (error) {
    assert.ok(error instanceof SieveError, `expected a SieveError, got ${String(error)}`);
    return error;
  }
  assert.fail(`compiled without error:\n${source}`);
}

function at(source: string, line: number, column: number, reason: RegExp): void {
  const error = errorOf(source);
  assert.deepEqual([error.line, error.column], [line, column], `position of: ${error.message}`);
  assert.match(error.reason, reason);
  assert.match(error.message, new RegExp(`^line ${line}, column ${column}: `));
}

test('a full script of the subset compiles', () => {
  const program = compileSieve(`# rules for alice
require ["fileinto", "envelope", "imap4flags"];
/* a bracket
   comment */
if header :contains "subject" ["[list]", "digest"] {
  fileinto :flags "\\\\Seen" "Lists";
  stop;
} elsif address :domain :is ["from", "sender"] "example.com" {
  addflag "$Work";
  fileinto "Work";
} elsif anyof (size :over 10M, not exists "message-id") {
  discard;
} elsif envelope :localpart :matches "to" "alice+*" {
  keep;
} else {
  setflag ["\\\\Flagged", "$Important"];
  removeflag "$Important";
  keep;
}
if true { keep; }
if allof(false, header :comparator "i;octet" :is "X-Spam" "yes") { fileinto text:
Junk
.
; }
`);
  assert.deepEqual(program.extensions.sort(), ['envelope', 'fileinto', 'imap4flags']);
  assert.equal(program.actions.length, 3);
});

test('bad scripts are refused with line and column', () => {
  at('keep', 1, 5, /expected ";" or "\{" after "keep"/);
  at('require "fileinto";\nfileinto "A"\nkeep;', 3, 1, /unexpected "keep" after the arguments of "fileinto" \(a ";" missing\?\)/);
  at('if header :is "a" "b" {\n  keep;\n', 3, 1, /expected "\}" to close the block of "if"/);
  at('fileinto "Work";', 1, 1, /"fileinto" needs require "fileinto"/);
  at('require "vacation";', 1, 9, /extension "vacation" is not supported/);
  at('keep;\nrequire "fileinto";', 2, 1, /"require" must come before every other command/);
  at('if header :regex "subject" "x" { keep; }', 1, 11, /":regex" is not supported/);
  at('if header :is "subject" { keep; }', 1, 4, /expects a list of keys to match/);
  at('else { keep; }', 1, 1, /"else" without an "if"/);
  at('  redirect "bob@example.org";', 1, 3, /unknown command "redirect"/);
  at('if sizes :over 1K { keep; }', 1, 4, /unknown test "sizes"/);
  at('if size 100 { keep; }', 1, 4, /"size" needs ":over" or ":under"/);
  at('if header "a" "b" "c" { keep; }', 1, 19, /unexpected string "c"/);
  at('keep; "oops"', 1, 7, /expected a command, found a string/);
  at('if header :is "subject" "unterminated { keep; }', 1, 25, /string is never closed/);
  at('/* never closed\nkeep;', 1, 1, /never closed/);
  at('if header :is ["a", ] "b" { keep; }', 1, 21, /expected a string in the list/);
  at('if size :over 12Q { keep; }', 1, 17, /unexpected "Q" after number 12/);
  at('require "envelope";\nif envelope :is "cc" "x" { keep; }', 2, 4, /envelope part "cc" is not known/);
  at('require "imap4flags";\naddflag "flagvar" "\\\\Seen";', 2, 19, /variable name needs the "variables" extension/);
  at('if header :comparator "i;unicode" :is "a" "b" { keep; }', 1, 11, /comparator "i;unicode" is not supported/);
  at('keep :flags "x";', 1, 6, /":flags" needs require "imap4flags"/);
  at('if not (true, false) { keep; }', 1, 4, /"not" needs exactly one test/);
  at('stop { keep; }', 1, 1, /"stop" takes no block/);
  at('keep @;', 1, 6, /unexpected character "@"/);
});

test('deep nesting is refused instead of exhausting the stack', () => {
  const deep = 'if '.concat('not '.repeat(5000), 'true { keep; }');
  assert.match(errorOf(deep).reason, /nested more than/);
});
