// npm run fuzz:pop3 [-- COUNT [SEED]] — generated inputs through the POP3 codec: command lines (line reader,
// parser, SASL decoding) on the server side, server byte streams (status lines, multi-line bodies, random
// chunking) through the client's response reader, and stuff → read round trips that must give the bytes back.
// Any exception other than the codec's own Pop3ProtocolError, and any round-trip mismatch, is a failure.
import { parseCommand } from '../src/pop3/codec/command-parser.ts';
import { CommandLineReader } from '../src/pop3/codec/line-reader.ts';
import { Pop3ProtocolError } from '../src/pop3/codec/errors.ts';
import { ResponseReader } from '../src/pop3/codec/response-reader.ts';
import { DotStuffer } from '../src/pop3/codec/dot-stuffer.ts';
import { TopFilter } from '../src/pop3/codec/top-filter.ts';
import { decodePlain, decodeSaslResponse } from '../src/pop3/codec/sasl.ts';
import { POP3_VERBS } from '../src/pop3/codec/commands.ts';

const count = Number(process.argv[2] ?? 1_000_000);
let seed = Number(process.argv[3] ?? 0x9e3779b9) >>> 0 || 1;

/** xorshift32: fast, deterministic for a given seed */
function random(): number {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
}
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];

const ATOMS = ['1', '0', '-1', '42', '99999999999', 'alice@example.org', '=', '*', 'AGFAYgBj', 'PLAIN', 'plain', 'x'.repeat(45), '', ' ', '\t', '.'];
const SPECIAL = [0x00, 0x0a, 0x0d, 0x20, 0x2e, 0x2b, 0x2d, 0x5b, 0x5d, 0x7f, 0x80, 0xff];

function randomBytes(length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = random() < 0.3 ? pick(SPECIAL) : int(256);
  return out;
}

function commandLine(): Buffer {
  const r = random();
  if (r < 0.15) return randomBytes(int(300));
  const verb = random() < 0.9 ? pick(POP3_VERBS) : randomBytes(int(6)).toString('latin1');
  const cased = random() < 0.5 ? verb.toLowerCase() : verb;
  const args = Array.from({ length: int(4) }, () => (random() < 0.8 ? pick(ATOMS) : randomBytes(int(50)).toString('latin1')));
  return Buffer.from([cased, ...args].join(random() < 0.9 ? ' ' : '  '), 'latin1');
}

const failures: string[] = [];
function guard(what: string, input: Buffer, action: () => void): void {
  try {
    action();
  } catch (err) {
    if (err instanceof Pop3ProtocolError) return;
    if (failures.length < 10) failures.push(`${what}: ${(err as Error).stack} on ${JSON.stringify(input.toString('latin1').slice(0, 200))}`);
  }
}

function fuzzServerSide(): number {
  const reader = new CommandLineReader();
  let inputs = 0;
  for (let i = 0; i < count; i++) {
    const line = commandLine();
    inputs += 1;
    guard('parseCommand', line, () => parseCommand(line));
    guard('decodeSaslResponse', line, () => {
      const response = decodeSaslResponse(line.toString('latin1'));
      if (!response.cancel) decodePlain(response.data);
    });
    // the line reader gets the same bytes with random line endings, in random pieces
    const wire = Buffer.concat([line, Buffer.from(pick(['\r\n', '\n', '\r', '']))]);
    guard('CommandLineReader', wire, () => {
      for (let at = 0; at < wire.length; ) {
        const n = 1 + int(wire.length);
        reader.push(wire.subarray(at, at + n));
        at += n;
        for (let event = reader.next(random() < 0.9 ? 255 : 16 * 1024); event; event = reader.next()) {
          if (event.kind === 'line') parseCommand(event.line);
        }
      }
      if (reader.pendingBytes > 16 * 1024 + wire.length) throw new Error(`line reader holds ${reader.pendingBytes} bytes`);
    });
  }
  return inputs;
}

function serverStream(): { bytes: Buffer; multiline: boolean[] } {
  const parts: Buffer[] = [];
  const multiline: boolean[] = [];
  for (let k = 0, n = 1 + int(4); k < n; k++) {
    const r = random();
    if (r < 0.1) {
      parts.push(randomBytes(int(200)));
      multiline.push(random() < 0.5);
      continue;
    }
    const status = pick(['+OK', '-ERR', '+', '+OK [SYS/TEMP]', '-ERR [AUTH] no', '-ERR [', '+ok']);
    parts.push(Buffer.from(`${status} ${randomBytes(int(20)).toString('latin1').replace(/[\r\n]/g, '')}\r\n`, 'latin1'));
    const isMulti = random() < 0.6;
    multiline.push(isMulti);
    if (isMulti && status.startsWith('+OK')) {
      const stuffer = new DotStuffer();
      parts.push(...stuffer.stuff(randomBytes(int(400))), stuffer.finish());
    }
  }
  return { bytes: Buffer.concat(parts), multiline };
}

function fuzzClientSide(): number {
  let inputs = 0;
  for (let i = 0; i < count; i++) {
    const { bytes, multiline } = serverStream();
    inputs += 1;
    guard('ResponseReader', bytes, () => {
      const reader = new ResponseReader();
      let command = 0;
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + int(64);
        reader.push(bytes.subarray(at, at + n));
        at += n;
        for (let event = reader.next(); event; event = reader.next()) {
          if (event.kind === 'status' && event.status === 'ok' && multiline[command % multiline.length]) reader.expectMultiline();
          if (event.kind !== 'data') command += 1;
        }
      }
    });
  }
  return inputs;
}

/** stuff → read must give the message back (plus the CRLF added to a message without a final line ending) */
function roundTrips(): number {
  const rounds = Math.max(1, Math.floor(count / 10));
  for (let i = 0; i < rounds; i++) {
    const message = randomBytes(int(600));
    const stuffer = new DotStuffer();
    const wire = Buffer.concat([Buffer.from('+OK\r\n'), ...stuffer.stuff(message), stuffer.finish()]);
    const reader = new ResponseReader();
    const out: Buffer[] = [];
    let ended = false;
    for (let at = 0; at < wire.length; ) {
      const n = 1 + int(40);
      reader.push(wire.subarray(at, at + n));
      at += n;
      for (let event = reader.next(); event; event = reader.next()) {
        if (event.kind === 'status') reader.expectMultiline();
        else if (event.kind === 'data') out.push(event.chunk);
        else ended = true;
      }
    }
    const expected = message.length === 0 || message[message.length - 1] === 0x0a ? message : Buffer.concat([message, Buffer.from('\r\n')]);
    if (!ended || !Buffer.concat(out).equals(expected)) {
      failures.push(`round trip failed for ${JSON.stringify(message.toString('latin1'))}`);
      break;
    }
    const top = new TopFilter(int(5));
    guard('TopFilter', message, () => top.filter(message));
  }
  return rounds;
}

const started = process.hrtime.bigint();
const server = fuzzServerSide();
const serverMs = Number(process.hrtime.bigint() - started) / 1e6;
const client = fuzzClientSide();
const clientMs = Number(process.hrtime.bigint() - started) / 1e6 - serverMs;
const trips = roundTrips();
const totalMs = Number(process.hrtime.bigint() - started) / 1e6;

console.log('| part | inputs | ms | inputs/s |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| server codec (parser, line reader, SASL) | ${server} | ${serverMs.toFixed(0)} | ${Math.round((server / serverMs) * 1000)} |`);
console.log(`| client response reader | ${client} | ${clientMs.toFixed(0)} | ${Math.round((client / clientMs) * 1000)} |`);
console.log(`| stuff → read round trips | ${trips} | ${(totalMs - serverMs - clientMs).toFixed(0)} | |`);
console.log(`total ${server + client + trips} inputs in ${(totalMs / 1000).toFixed(1)} s, ${failures.length} failures`);
for (const failure of failures) console.error(failure);
process.exit(failures.length === 0 ? 0 : 1);
