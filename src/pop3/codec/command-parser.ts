// Parses one POP3 command line (without its CRLF) into a Pop3Command. RFC 1939 §3: a case-insensitive
// keyword, then arguments separated by spaces; no I/O here.
import { Pop3ProtocolError } from './errors.ts';
import type { Pop3Command, Pop3Verb } from './commands.ts';

/** RFC 1939 §3: each argument may be up to 40 characters; names and digests here are held to that. */
const MAX_ARGUMENT_LENGTH = 40;
/** message numbers beyond this cannot exist in a maildrop we serve */
const MAX_MESSAGE_NUMBER = 2 ** 31 - 1;

type ArgumentParser = (rest: string, args: string[]) => Pop3Command;

function syntax(verb: string, expected: string): Pop3ProtocolError {
  return new Pop3ProtocolError('syntax', `${verb} expects ${expected}`);
}

function expectCount(verb: Pop3Verb, args: string[], min: number, max: number, expected: string): void {
  if (args.length < min || args.length > max) throw syntax(verb, expected);
}

function messageNumber(verb: Pop3Verb, text: string): number {
  // RFC 1939 §3: message numbers are decimal, starting at 1
  if (!/^[0-9]{1,10}$/.test(text)) throw syntax(verb, 'a message number');
  const n = Number(text);
  if (n < 1 || n > MAX_MESSAGE_NUMBER) throw syntax(verb, 'a message number');
  return n;
}

function optionalMessage(verb: 'LIST' | 'UIDL'): ArgumentParser {
  return (_rest, args) => {
    expectCount(verb, args, 0, 1, 'at most one message number');
    return { verb, message: args.length === 0 ? null : messageNumber(verb, args[0]) };
  };
}

function oneMessage(verb: 'RETR' | 'DELE'): ArgumentParser {
  return (_rest, args) => {
    expectCount(verb, args, 1, 1, 'one message number');
    return { verb, message: messageNumber(verb, args[0]) };
  };
}

function noArguments(verb: 'CAPA' | 'STLS' | 'STAT' | 'NOOP' | 'RSET' | 'QUIT'): ArgumentParser {
  return (_rest, args) => {
    expectCount(verb, args, 0, 0, 'no arguments');
    return { verb };
  };
}

const parsers: Record<Pop3Verb, ArgumentParser> = {
  USER: (_rest, args) => {
    expectCount('USER', args, 1, 1, 'one user name');
    return { verb: 'USER', name: args[0] };
  },
  PASS: (rest) => {
    if (rest.length === 0) throw syntax('PASS', 'a password');
    return { verb: 'PASS', password: rest };
  },
  APOP: (_rest, args) => {
    expectCount('APOP', args, 2, 2, 'a user name and an MD5 digest');
    // RFC 1939 §7: the digest is 16 octets in lower-case hexadecimal (accept upper case too)
    if (!/^[0-9a-fA-F]{32}$/.test(args[1])) throw syntax('APOP', 'a 32-digit hexadecimal digest');
    return { verb: 'APOP', name: args[0], digest: args[1].toLowerCase() };
  },
  AUTH: (_rest, args) => {
    expectCount('AUTH', args, 0, 2, 'a SASL mechanism and an optional initial response');
    if (args.length === 0) return { verb: 'AUTH', mechanism: null, initialResponse: null };
    if (!/^[A-Za-z0-9_-]{1,20}$/.test(args[0])) throw syntax('AUTH', 'a SASL mechanism name');
    return { verb: 'AUTH', mechanism: args[0].toUpperCase(), initialResponse: args[1] ?? null };
  },
  CAPA: noArguments('CAPA'),
  STLS: noArguments('STLS'),
  STAT: noArguments('STAT'),
  NOOP: noArguments('NOOP'),
  RSET: noArguments('RSET'),
  QUIT: noArguments('QUIT'),
  LIST: optionalMessage('LIST'),
  UIDL: optionalMessage('UIDL'),
  RETR: oneMessage('RETR'),
  DELE: oneMessage('DELE'),
  TOP: (_rest, args) => {
    expectCount('TOP', args, 2, 2, 'a message number and a line count');
    if (!/^[0-9]{1,10}$/.test(args[1])) throw syntax('TOP', 'a non-negative line count');
    return { verb: 'TOP', message: messageNumber('TOP', args[0]), lines: Math.min(Number(args[1]), MAX_MESSAGE_NUMBER) };
  },
};

function isVerb(word: string): word is Pop3Verb {
  return Object.hasOwn(parsers, word);
}

/** Parses a command line (bytes without the line ending). Throws Pop3ProtocolError. */
export function parseCommand(line: Buffer | string): Pop3Command {
  const text = typeof line === 'string' ? line : line.toString('utf8');
  const space = text.indexOf(' ');
  const keyword = (space < 0 ? text : text.slice(0, space)).toUpperCase();
  const rest = space < 0 ? '' : text.slice(space + 1);
  if (!isVerb(keyword)) {
    throw new Pop3ProtocolError('unknown-command', keyword.length === 0 ? 'empty command' : 'unknown command');
  }
  const args = rest.split(' ').filter((a) => a.length > 0);
  if (keyword !== 'PASS' && args.some((a) => a.length > MAX_ARGUMENT_LENGTH && keyword !== 'AUTH')) {
    throw syntax(keyword, `arguments of at most ${MAX_ARGUMENT_LENGTH} characters`);
  }
  return parsers[keyword](rest, args);
}

/** The verb of a line for logs, without parsing or revealing its arguments. */
export function verbOf(line: Buffer | string): string {
  const text = (typeof line === 'string' ? line : line.subarray(0, 8).toString('latin1')).trimStart();
  const word = text.split(' ', 1)[0].toUpperCase();
  return /^[A-Z]{1,8}$/.test(word) ? word : '?';
}
