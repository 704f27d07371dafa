// A private Dovecot instance for tests: its own config, base_dir, state and maildirs in a temp dir, listening
// on free loopback ports, started as a foreground child (`dovecot -c FILE -F`) and removed again by stop().
// Dovecot refuses uid 0 for mail access, so mail is owned by the system user "mail" while the master runs as root.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync, chownSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users: DovecotUser[];
  /** also listen with implicit TLS (imaps, pop3s) using a self-signed certificate; default false */
  tls?: boolean;
  /** store messages with CRLF line endings, as IMAP clients see them (Dovecot's default is LF); default true */
  mailSaveCrlf?: boolean;
  /** extra lines appended to dovecot.conf, e.g. `imap_capability = +XFOO` */
  extraConfig?: string;
  /** how long to wait for both ports to greet; default 15 s */
  startTimeoutMs?: number;
}

export interface DovecotInstance {
  host: '127.0.0.1';
  imapPort: number;
  pop3Port: number;
  /** present when started with tls: true */
  imapsPort?: number;
  pop3sPort?: number;
  /** the instance's temp dir (config, logs, mail) */
  dir: string;
  /** the maildir root of one user (INBOX is this directory; other folders are `.Name` below it); created
   * empty at start and owned by the mail user, so a test may write message files into its new/ */
  mailDir(user: string): string;
  /** Dovecot's log so far, for assertion messages */
  log(): string;
  stop(): Promise<void>;
}

const DOVECOT = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
const MAIL_OWNER = 'mail';
const MAX_ATTEMPTS = 5;

/**
 * Dovecot runs under a small shell that also holds our end of a pipe: when the test process ends in any
 * way (even SIGKILL or a timeout), the pipe closes and the shell stops Dovecot, so no instance outlives
 * the tests. The shell's own exit reports Dovecot's.
 */
const SUPERVISOR = 'exec 3<&0; "$0" -c "$1" -F </dev/null & pid=$!; (read _ <&3; kill $pid 2>/dev/null) & wait $pid';

/** Temp dirs of instances not stopped yet, removed if the test process exits without stop(). */
const running = new Map<ChildProcess, string>();
process.once('exit', () => {
  for (const dir of running.values()) rmSync(dir, { recursive: true, force: true });
});

export async function startDovecot(options: DovecotOptions): Promise<DovecotInstance> {
  if (userInfo().uid !== 0) throw new Error('startDovecot: the test harness runs Dovecot as root');
  if (!existsSync(DOVECOT)) throw new Error(`startDovecot: ${DOVECOT} missing; run scripts/ensure-test-deps.sh`);
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      lastError = err;
      // the usual cause is another process taking a probed port before Dovecot bound it: retry with new ports
      if (!String(err).includes('Address already in use')) break;
    }
  }
  throw lastError;
}

async function startOnce(options: DovecotOptions): Promise<DovecotInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'mf-dovecot-'));
  chmodSync(dir, 0o755); // the mail and auth processes run unprivileged and must traverse it
  const ports = await freePorts(options.tls ? 4 : 2);
  const [imapPort, pop3Port, imapsPort, pop3sPort] = ports;
  try {
    writeInstanceFiles(dir, options, { imapPort, pop3Port, imapsPort, pop3sPort });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const child = spawn('/bin/sh', ['-c', SUPERVISOR, DOVECOT, join(dir, 'dovecot.conf')], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.set(child, dir);
  let output = '';
  const collect = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-20000); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const readLog = () => {
    const file = join(dir, 'dovecot.log');
    return output + (existsSync(file) ? readFileSync(file, 'utf8') : '');
  };
  const instance: DovecotInstance = {
    host: '127.0.0.1', imapPort, pop3Port, dir,
    ...(options.tls ? { imapsPort, pop3sPort } : {}),
    mailDir: (user) => join(dir, 'mail', user),
    log: readLog,
    stop: () => stopChild(child, dir),
  };
  try {
    await waitForGreetings(child, [imapPort, pop3Port], options.startTimeoutMs ?? 15000);
  } catch (err) {
    const log = readLog();
    await instance.stop();
    throw new Error(`Dovecot did not start: ${(err as Error).message}\n${log}`);
  }
  return instance;
}

interface Ports { imapPort: number; pop3Port: number; imapsPort?: number; pop3sPort?: number }

function writeInstanceFiles(dir: string, options: DovecotOptions, ports: Ports): void {
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  const owner = systemUser(MAIL_OWNER);
  chownSync(join(dir, 'mail'), owner.uid, owner.gid);
  for (const { user } of options.users) {
    // an empty maildir per user, so tests may drop message files into new/ before the first login
    for (const sub of ['', 'cur', 'new', 'tmp']) {
      mkdirSync(join(dir, 'mail', user, sub), { recursive: true });
      chownSync(join(dir, 'mail', user, sub), owner.uid, owner.gid);
    }
  }
  const lines = options.users.map(({ user, password }) => {
    if (/[:\n\r]/.test(user + password)) throw new Error('startDovecot: user names and passwords may not hold ":" or newlines');
    return `${user}:{PLAIN}${password}::::::`;
  });
  writeFileSync(join(dir, 'passwd'), lines.join('\n') + '\n', { mode: 0o640 });
  chownSync(join(dir, 'passwd'), 0, systemUser('dovecot').gid); // read by auth, running as default_internal_user
  if (options.tls) makeCertificate(dir);
  writeFileSync(join(dir, 'dovecot.conf'), dovecotConfig(dir, options, ports, owner));
}

function dovecotConfig(dir: string, options: DovecotOptions, ports: Ports, owner: { uid: number; gid: number }): string {
  const listener = (name: string, port: number | undefined, ssl: boolean) =>
    `  inet_listener ${name} {\n    address = 127.0.0.1\n    port = ${port ?? 0}\n${ssl ? '    ssl = yes\n' : ''}  }\n`;
  const tls = options.tls === true;
  return `# written by test/helpers/dovecot.ts
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = mf-${ports.imapPort}
log_path = ${dir}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
${tls ? `ssl = yes\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem` : 'ssl = no'}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
mail_save_crlf = ${options.mailSaveCrlf === false ? 'no' : 'yes'}
mail_max_userip_connections = 100
pop3_uidl_format = %08Xu%08Xv
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
  default_fields = uid=${owner.uid} gid=${owner.gid} home=${dir}/mail/%u
}
service imap-login {
${listener('imap', ports.imapPort, false)}${listener('imaps', tls ? ports.imapsPort : 0, true)}}
service pop3-login {
${listener('pop3', ports.pop3Port, false)}${listener('pop3s', tls ? ports.pop3sPort : 0, true)}}
${options.extraConfig ?? ''}
`;
}

function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`startDovecot: system user "${name}" not found`);
  const fields = line.split(':');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function makeCertificate(dir: string): void {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
}

/** Ports the kernel hands out for port 0 on loopback; closed again before Dovecot binds them. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

async function waitForGreetings(child: ChildProcess, ports: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  child.once('exit', (code, signal) => { exited = `exited with ${signal ?? code}`; });
  for (const port of ports) {
    for (;;) {
      if (exited) throw new Error(exited);
      if (Date.now() > deadline) throw new Error(`no greeting on port ${port} within ${timeoutMs} ms`);
      if (await greets(port)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** True when something on the port sends a line starting with "* OK" or "+OK" (IMAP or POP3 greeting). */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (data.includes('\n')) done(data.startsWith('* OK') || data.startsWith('+OK'));
    });
    socket.on('end', () => done(false));
  });
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  running.delete(child);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end(); // the supervisor sends Dovecot SIGTERM; Dovecot stops its own processes
    const timer = setTimeout(() => killMaster(dir), 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Last resort when Dovecot ignores SIGTERM: SIGKILL the master named in its pid file. */
function killMaster(dir: string): void {
  try {
    process.kill(Number(readFileSync(join(dir, 'run', 'master.pid'), 'utf8').trim()), 'SIGKILL');
  } catch {
    // already gone
  }
}
