// The commands a POP3 server understands, as data (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH).

export type Pop3Command =
  | { verb: 'USER'; name: string }
  /** RFC 1939 §7: the whole rest of the line, spaces included, is the password */
  | { verb: 'PASS'; password: string }
  | { verb: 'APOP'; name: string; digest: string }
  /** RFC 5034 §4: no mechanism lists the mechanisms; "=" as initial response stands for an empty one */
  | { verb: 'AUTH'; mechanism: string | null; initialResponse: string | null }
  | { verb: 'CAPA' }
  | { verb: 'STLS' }
  | { verb: 'STAT' }
  | { verb: 'LIST'; message: number | null }
  | { verb: 'UIDL'; message: number | null }
  | { verb: 'RETR'; message: number }
  | { verb: 'TOP'; message: number; lines: number }
  | { verb: 'DELE'; message: number }
  | { verb: 'NOOP' }
  | { verb: 'RSET' }
  | { verb: 'QUIT' };

export type Pop3Verb = Pop3Command['verb'];

export const POP3_VERBS: readonly Pop3Verb[] = [
  'USER', 'PASS', 'APOP', 'AUTH', 'CAPA', 'STLS', 'STAT', 'LIST', 'UIDL', 'RETR', 'TOP', 'DELE', 'NOOP', 'RSET',
  'QUIT',
];

/** RFC 2449 §8 extended response codes, plus RFC 3206 (SYS/TEMP, SYS/PERM, AUTH). */
export type Pop3ResponseCode = 'AUTH' | 'IN-USE' | 'LOGIN-DELAY' | 'SYS/TEMP' | 'SYS/PERM' | 'UTF8';
