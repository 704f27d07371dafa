// Logging in (RFC 1939 §7 USER/PASS and APOP, RFC 5034 AUTH with PLAIN, LOGIN, CRAM-MD5, XOAUTH2). Every trace
// line carrying a secret is masked; errors name the host and the user, never the password or token.
import { createHash } from 'node:crypto';
import type { StatusLine } from '../codec/response-reader.ts';
import { cramMd5Response, encodePlain, encodeXoauth2 } from '../codec/sasl.ts';
import type { Pop3Connection } from './connection.ts';
import { loginError, Pop3Error } from './errors.ts';

export type Pop3AuthMechanism = 'user' | 'apop' | 'plain' | 'login' | 'cram-md5' | 'xoauth2';

interface AuthContext {
  connection: Pop3Connection;
  host: string;
  user: string;
  /** the password, or the OAuth2 access token for xoauth2 */
  secret: string;
  greeting: string;
}

/** RFC 2449 §4 / RFC 5034 §4: an initial response that would make the AUTH line longer than 255 octets waits for "+". */
const MAX_COMMAND_LINE = 255;

const MASK = '***';

async function expectOk(ctx: AuthContext, status: Promise<StatusLine>, mechanism: string): Promise<void> {
  const answer = await status;
  if (answer.status !== 'ok') throw loginError(answer, ctx.host, ctx.user, mechanism);
}

/** AUTH <mechanism> with an initial response, sent inline when it fits and after an empty "+" otherwise. */
function saslWithInitialResponse(ctx: AuthContext, mechanism: string, initial: Buffer, afterwards: () => string): Promise<StatusLine> {
  const encoded = initial.toString('base64');
  const inline = `AUTH ${mechanism} ${encoded}`.length + 2 <= MAX_COMMAND_LINE;
  let initialSent = inline;
  return ctx.connection.send({
    verb: `AUTH ${mechanism}`,
    line: inline ? `AUTH ${mechanism} ${encoded}` : `AUTH ${mechanism}`,
    traceLine: inline ? `AUTH ${mechanism} ${MASK}` : `AUTH ${mechanism}`,
    multiline: false,
    pipelinable: false,
    onContinue: () => {
      if (initialSent) return { line: afterwards(), traceLine: MASK };
      initialSent = true;
      return { line: encoded, traceLine: MASK };
    },
  }).status;
}

const mechanisms: Record<Pop3AuthMechanism, (ctx: AuthContext) => Promise<void>> = {
  async user(ctx) {
    const user = ctx.connection.send({ verb: 'USER', line: `USER ${ctx.user}`, multiline: false, pipelinable: false });
    await expectOk(ctx, user.status, 'USER/PASS');
    const pass = ctx.connection.send({ verb: 'PASS', line: `PASS ${ctx.secret}`, traceLine: `PASS ${MASK}`, multiline: false, pipelinable: false });
    await expectOk(ctx, pass.status, 'USER/PASS');
  },

  async apop(ctx) {
    // RFC 1939 §7: the greeting's timestamp "<...>" followed by the shared secret, MD5 in lower-case hex
    const timestamp = /<[^<>\s]+@?[^<>\s]*>/.exec(ctx.greeting)?.[0];
    if (!timestamp) {
      throw new Pop3Error(`${ctx.host}: APOP not offered (no timestamp in the greeting)`, { kind: 'unsupported', temporary: false, command: 'APOP' });
    }
    const digest = createHash('md5').update(timestamp + ctx.secret, 'utf8').digest('hex');
    const apop = ctx.connection.send({ verb: 'APOP', line: `APOP ${ctx.user} ${digest}`, traceLine: `APOP ${ctx.user} ${MASK}`, multiline: false, pipelinable: false });
    await expectOk(ctx, apop.status, 'APOP');
  },

  async plain(ctx) {
    await expectOk(ctx, saslWithInitialResponse(ctx, 'PLAIN', encodePlain(ctx.user, ctx.secret), () => '*'), 'AUTH PLAIN');
  },

  async login(ctx) {
    // the LOGIN mechanism: the server asks for the user name, then the password, each a "+" challenge
    const answers = [Buffer.from(ctx.user, 'utf8').toString('base64'), Buffer.from(ctx.secret, 'utf8').toString('base64')];
    let step = 0;
    const status = ctx.connection.send({
      verb: 'AUTH LOGIN', line: 'AUTH LOGIN', multiline: false, pipelinable: false,
      onContinue: () => ({ line: answers[step++] ?? '*', traceLine: MASK }),
    }).status;
    await expectOk(ctx, status, 'AUTH LOGIN');
  },

  async 'cram-md5'(ctx) {
    let answered = false;
    const status = ctx.connection.send({
      verb: 'AUTH CRAM-MD5', line: 'AUTH CRAM-MD5', multiline: false, pipelinable: false,
      onContinue: (challenge) => {
        if (answered) return { line: '*', traceLine: '*' };
        answered = true;
        const response = cramMd5Response(ctx.user, ctx.secret, Buffer.from(challenge, 'base64'));
        return { line: response.toString('base64'), traceLine: MASK };
      },
    }).status;
    await expectOk(ctx, status, 'AUTH CRAM-MD5');
  },

  async xoauth2(ctx) {
    // after a failure the server sends "+ <base64 JSON error>"; an empty line makes it answer -ERR
    await expectOk(ctx, saslWithInitialResponse(ctx, 'XOAUTH2', encodeXoauth2(ctx.user, ctx.secret), () => ''), 'AUTH XOAUTH2');
  },
};

export function authenticate(mechanism: Pop3AuthMechanism, ctx: AuthContext): Promise<void> {
  return mechanisms[mechanism](ctx);
}
