// SASL mechanisms for AUTHENTICATE (RFC 3501 §6.2.2): PLAIN (RFC 4616) and LOGIN (the de-facto mechanism of
// draft-murchison-sasl-login). Each turns the client's responses into a user name and password.

export interface Credentials {
  user: string;
  password: string;
  /** RFC 4616 authorization identity, when the client asked to act as someone else */
  authzid: string;
}

export type SaslStep =
  | { kind: 'challenge'; data: Buffer }
  | { kind: 'done'; credentials: Credentials }
  | { kind: 'fail'; reason: string };

export interface SaslMechanism {
  /** the first step, given the SASL-IR initial response (RFC 4959) or null */
  start(initial: Buffer | null): SaslStep;
  next(response: Buffer): SaslStep;
}

const utf8 = (data: Buffer) => data.toString('utf8');

/** RFC 4616 §2: message = [authzid] NUL authcid NUL passwd */
function plain(): SaslMechanism {
  const parse = (data: Buffer): SaslStep => {
    const parts = utf8(data).split('\u0000');
    if (parts.length !== 3 || !parts[1] || !parts[2]) return { kind: 'fail', reason: 'malformed PLAIN response' };
    return { kind: 'done', credentials: { authzid: parts[0]!, user: parts[1], password: parts[2] } };
  };
  return {
    start: (initial) => (initial === null ? { kind: 'challenge', data: Buffer.alloc(0) } : parse(initial)),
    next: parse,
  };
}

/** LOGIN: "Username:" then "Password:" challenges. */
function login(): SaslMechanism {
  let user: string | null = null;
  const userChallenge: SaslStep = { kind: 'challenge', data: Buffer.from('Username:') };
  const passwordChallenge: SaslStep = { kind: 'challenge', data: Buffer.from('Password:') };
  return {
    start(initial) {
      if (initial === null || initial.length === 0) return userChallenge;
      user = utf8(initial);
      return passwordChallenge;
    },
    next(response) {
      if (user === null) {
        user = utf8(response);
        return passwordChallenge;
      }
      return { kind: 'done', credentials: { authzid: '', user, password: utf8(response) } };
    },
  };
}

const MECHANISMS: ReadonlyMap<string, () => SaslMechanism> = new Map([
  ['PLAIN', plain],
  ['LOGIN', login],
]);

export function saslMechanism(name: string): SaslMechanism | undefined {
  return MECHANISMS.get(name.toUpperCase())?.();
}
