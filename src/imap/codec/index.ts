// The IMAP codec's public surface: framing, parsing and serialising, with no I/O.
// Typical server loop:
//   reader.push(chunk); for (let e = reader.next(); e; e = reader.next()) { … parseCommand(e.command) … }

export { CommandReader, DEFAULT_READER_LIMITS } from './command-reader.ts';
export type { ReaderEvent, ReaderLimits } from './command-reader.ts';
export type { CommandPart, FramedCommand, LiteralPart, StreamedPart, TextPart } from './framed-command.ts';
export { framedFromText } from './framed-command.ts';
export { ParseError } from './parse-error.ts';
export type { ParseErrorCode } from './parse-error.ts';
export { parseCommand } from './parser.ts';
export type { ParseOptions } from './parser.ts';
export type * from './commands.ts';
export { parseAppendProgress } from './grammar/append.ts';
export type { AppendMessageHead, AppendProgress } from './grammar/append.ts';
export { isIdleDone } from './grammar/idle-done.ts';
export { parseSaslResponse } from './grammar/sasl.ts';
export type { MailboxArg } from './mailbox-name.ts';
export type { DateComparison, SearchKey } from './search-keys.ts';
export * from './sequence-set.ts';
export * from './fetch-items.ts';
export * from './date.ts';
export { SYSTEM_FLAGS } from './flags.ts';
export * from './wire-values.ts';
export * from './response-writer.ts';
export * as codes from './response-codes.ts';
export type { ResponseCode } from './response-codes.ts';
