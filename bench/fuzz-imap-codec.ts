// Fuzzes the IMAP codec: mutated valid commands and random bytes go through the command reader and the
// parser (with random chunking, literal accept/reject, raw-line mode and small limits). Bad input may
// only ever raise ParseError; any other exception is a codec bug and is printed.
//
//   npm run fuzz:imap -- [--count 1000000] [--seed 1]

import { CommandReader } from '../src/imap/codec/command-reader.ts';
import type { ReaderLimits } from '../src/imap/codec/command-reader.ts';
import { parseAppendProgress } from '../src/imap/codec/grammar/append.ts';
import { isIdleDone } from '../src/imap/codec/grammar/idle-done.ts';
import { parseSaslResponse } from '../src/imap/codec/grammar/sasl.ts';
import { ParseError } from '../src/imap/codec/parse-error.ts';
import { parseCommand } from '../src/imap/codec/parser.ts';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const COUNT = argument('count', 1_000_000);
const SEED = argument('seed', 1);

// xorshift32: fast, deterministic for a given seed
let state = SEED >>> 0 || 1;
function random(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 0x100000000;
}
const below = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[below(items.length)];

const SEEDS: readonly string[] = [
  'a1 CAPABILITY', 'a2 NOOP', 'a3 LOGOUT', 'a4 STARTTLS', 'a5 CHECK', 'a6 CLOSE', 'a7 UNSELECT', 'a8 IDLE', 'a9 NAMESPACE', 'b1 EXPUNGE',
  'c1 LOGIN alice secret', 'c2 LOGIN "al ice" "p\\"w"', 'c3 LOGIN {5}\r\nalice {6+}\r\nsecret',
  'd1 AUTHENTICATE PLAIN', 'd2 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==', 'd3 AUTHENTICATE EXTERNAL =',
  'e1 SELECT INBOX', 'e2 EXAMINE "Entw&APw-rfe" (CONDSTORE)', 'e3 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541 (1:5 3:9)))',
  'f1 CREATE Archive/2024 (USE (\\Archive))', 'f2 DELETE foo', 'f3 RENAME "a b" c', 'f4 SUBSCRIBE x', 'f5 UNSUBSCRIBE {1+}\r\nx',
  'g1 LIST "" %', 'g2 LIST (SUBSCRIBED RECURSIVEMATCH) "" ("INBOX" "Foo/*") RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN))', 'g3 LSUB "#news." "comp.*"',
  'h1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)',
  'i1 APPEND INBOX (\\Seen $Forwarded) " 7-Feb-1994 21:52:25 -0800" {11}\r\nSubject: x\r\n',
  'i2 APPEND INBOX {3+}\r\none (\\Draft) {3+}\r\ntwo ~{4+}\r\nt\0o\x80',
  'i3 APPEND Sent {200+}\r\n' + 'From: a@b\r\n'.repeat(18) + '\r\n\r\n',
  'j1 SEARCH ALL', 'j2 UID SEARCH RETURN (MIN MAX COUNT SAVE) CHARSET UTF-8 OR FROM "Smith" (NOT SEEN 1:5,7) SINCE 1-Feb-1994',
  'j3 SEARCH HEADER Message-ID "<x@y>" LARGER 100 SMALLER 9999 UID 1:* MODSEQ "/flags/\\\\draft" all 620162338 YOUNGER 60',
  'j4 SEARCH CHARSET ISO-8859-1 TEXT {4}\r\ncaf\xe9 BEFORE "01-Jan-2020" KEYWORD $Junk NEW OLD RECENT $',
  'k1 FETCH 1:* ALL', 'k2 UID FETCH 1:*,5 (UID FLAGS BODY.PEEK[HEADER.FIELDS (Subject "X]Odd")]<0.100> MODSEQ) (CHANGEDSINCE 12345 VANISHED)',
  'k3 FETCH 2 (BODY[1.2.MIME] BODY[TEXT] BINARY[1] BINARY.SIZE[2] RFC822.SIZE ENVELOPE BODYSTRUCTURE INTERNALDATE)',
  'l1 STORE 2:4 +FLAGS (\\Deleted)', 'l2 UID STORE 1:* (UNCHANGEDSINCE 320162338) -FLAGS.SILENT \\Seen $Junk',
  'm1 COPY 2:4 MEETING', 'm2 UID MOVE 42:* "Trash"', 'm3 UID EXPUNGE 3000:3002',
  'n1 ENABLE CONDSTORE QRESYNC', 'n2 ID ("name" "sodr" "version" NIL)', 'n3 ID NIL',
];

const INTERESTING = [...'()[]{}<>"\\ *%$:,.+-~=0123456789\r\n\0'].map((c) => c.charCodeAt(0)).concat([0x7f, 0x80, 0xff, 0xc3, 0x09]);
const TOKENS = ['{0}\r\n', '{5}\r\n', '{4294967295}\r\n', '{99999999999}\r\n', '{3+}\r\n', '~{2}\r\n', ' NIL', ' ()', '(((', ')))', ' "', '\\', ' 1:*', ' $',
  ' BODY[', ']<0.1>', ' UID ', ' OR ', ' NOT ', ' RETURN (', ' CHARSET ', '*:0', ' 4294967296', '\r\n', ' &', '&-', 'ü'];

function mutate(input: Buffer): Buffer {
  let bytes = Buffer.from(input);
  const rounds = 1 + below(4);
  for (let r = 0; r < rounds; r++) {
    const at = below(bytes.length + 1);
    switch (below(7)) {
      case 0: // flip a byte
        if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = below(256);
        break;
      case 1: // insert an interesting byte
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(INTERESTING)]), bytes.subarray(at)]);
        break;
      case 2: // delete a range
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + below(8))]);
        break;
      case 3: // duplicate a range
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + below(16)), bytes.subarray(at)]);
        break;
      case 4: // insert a token
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(TOKENS), 'latin1'), bytes.subarray(at)]);
        break;
      case 5: // truncate
        bytes = bytes.subarray(0, at);
        break;
      case 6: // splice in part of another command
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(SEEDS), 'latin1').subarray(below(20))]);
        break;
    }
  }
  return bytes;
}

function randomBytes(): Buffer {
  const out = Buffer.alloc(below(64));
  for (let i = 0; i < out.length; i++) out[i] = random() < 0.5 ? pick(INTERESTING) : below(256);
  return out;
}

function generate(): Buffer {
  if (random() < 0.1) return randomBytes();
  const base = Buffer.from(`${pick(SEEDS)}\r\n`, 'latin1');
  const mutated = random() < 0.05 ? base : mutate(base);
  return random() < 0.3 ? Buffer.concat([mutated, Buffer.from(`${pick(SEEDS)}\r\n`, 'latin1')]) : mutated;
}

function randomLimits(): Partial<ReaderLimits> {
  if (random() < 0.5) return {};
  return {
    maxLineLength: 16 + below(200),
    maxLiteralSize: below(300),
    maxCommandSize: 64 + below(600),
    streamThreshold: below(100),
    maxStreamedLiteralSize: below(1000),
    maxNonSyncLiteralSize: random() < 0.5 ? Infinity : below(50),
  };
}

const stats = { commands: 0, parsed: 0, parseErrors: 0, readerErrors: 0, continues: 0, streamed: 0, lines: 0 };

/** Runs one input; throws whatever the codec throws other than ParseError. */
function run(input: Buffer): void {
  const reader = new CommandReader(randomLimits());
  const utf8Accept = random() < 0.2;
  let offset = 0;
  while (offset < input.length) {
    const size = random() < 0.5 ? input.length : 1 + below(8);
    reader.push(input.subarray(offset, offset + size));
    offset += size;
    for (let event = reader.next(); event; event = reader.next()) {
      try {
        switch (event.kind) {
          case 'command':
            stats.commands++;
            parseCommand(event.command, { utf8Accept });
            stats.parsed++;
            if (random() < 0.05) reader.expectLine();
            break;
          case 'continue':
            stats.continues++;
            if (random() < 0.8) reader.acceptLiteral();
            else reader.rejectLiteral();
            parseAppendProgress(event.head, { utf8Accept });
            break;
          case 'literal-start':
            stats.streamed++;
            parseAppendProgress(event.head, { utf8Accept });
            break;
          case 'line':
            stats.lines++;
            isIdleDone(event.line);
            parseSaslResponse(event.line);
            break;
          case 'error':
            stats.readerErrors++;
            break;
          default:
            break;
        }
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        stats.parseErrors++;
      }
    }
  }
}

const failures = new Map<string, { count: number; input: Buffer; stack: string }>();
let total = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < COUNT; i++) {
  const input = generate();
  total++;
  try {
    run(input);
  } catch (error) {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const key = stack.split('\n').slice(0, 3).join('\n');
    const seen = failures.get(key);
    if (seen) seen.count++;
    else failures.set(key, { count: 1, input, stack });
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const failureCount = [...failures.values()].reduce((sum, f) => sum + f.count, 0);
console.log(`inputs: ${total.toLocaleString('en')}  seed: ${SEED}  time: ${seconds.toFixed(1)} s  (${Math.round(total / seconds).toLocaleString('en')} inputs/s)`);
console.log(
  `commands framed: ${stats.commands}, parsed: ${stats.parsed}, ParseErrors: ${stats.parseErrors}, reader errors: ${stats.readerErrors}, ` +
    `continuations: ${stats.continues}, streamed literals: ${stats.streamed}, raw lines: ${stats.lines}`,
);
console.log(`failures (exceptions other than ParseError): ${failureCount}`);
for (const { count, input, stack } of failures.values()) {
  console.log(`\n${count}× input ${JSON.stringify(input.toString('latin1'))}\n${stack}`);
}
process.exitCode = failureCount === 0 ? 0 : 1;
