// The tools the sync benchmark runs side by side, each as a child process under /usr/bin/time -v (wall clock,
// peak RSS): mailferry sync (the real command), mbsync (Debian's isync), offlineimap3, and Dovecot's own
// `doveadm backup -R` pulling from the source over imapc. Every tool copies the source account's folders into an
// empty destination account, then runs again with nothing new.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DovecotInstance } from '../test/helpers/dovecot.ts';

export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-password';
const MAILFERRY = fileURLToPath(new URL('../bin/mailferry.js', import.meta.url));

export interface Timed {
  seconds: number;
  peakRssBytes: number;
}

export interface Tool {
  name: string;
  /** one run (full copy or rerun) from `source` into `dest`; `workDir` keeps the tool's state between runs */
  run(source: DovecotInstance, dest: DovecotInstance, workDir: string): Promise<Timed>;
}

function timed(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-v', file, ...args], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${file} failed: ${(stderr || stdout).replace(/\s*Command being timed[\s\S]*/, '').trim().split('\n').slice(-6).join(' / ')}`));
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (!wall) return reject(new Error(`${file}: no timing in /usr/bin/time output`));
      resolve({ seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]), peakRssBytes: Number(rss?.[1] ?? 0) * 1024 });
    });
  });
}

export const mailferry: Tool = {
  name: 'mailferry sync',
  run: (source, dest, workDir) => timed(process.execPath, [
    MAILFERRY, '--data-dir', join(workDir, 'data'), '--log-level', 'problems', 'sync',
    `imap://${BENCH_USER}@127.0.0.1:${source.imapPort}`, `imap://${BENCH_USER}@127.0.0.1:${dest.imapPort}`, '--allow-plaintext',
    ...(process.env.MF_BENCH_CONNECTIONS ? ['--connections', process.env.MF_BENCH_CONNECTIONS] : []),
  ], { MAILFERRY_SRC_PASSWORD: BENCH_PASSWORD, MAILFERRY_DST_PASSWORD: BENCH_PASSWORD }),
};

export const mbsync: Tool = {
  name: 'mbsync',
  async run(source, dest, workDir) {
    await mkdir(join(workDir, 'state'), { recursive: true });
    const account = (name: string, port: number) => `IMAPAccount ${name}\nHost 127.0.0.1\nPort ${port}\nUser ${BENCH_USER}\nPass ${BENCH_PASSWORD}\nSSLType None\nAuthMechs LOGIN\n\nIMAPStore ${name}-store\nAccount ${name}\n\n`;
    const config = `${account('src', source.imapPort)}${account('dst', dest.imapPort)}Channel bench\nFar :src-store:\nNear :dst-store:\nPatterns *\nCreate Near\nSync Pull\nSyncState ${join(workDir, 'state')}/\n`;
    await writeFile(join(workDir, 'mbsyncrc'), config, { mode: 0o600 });
    return timed('/usr/bin/mbsync', ['-q', '-c', join(workDir, 'mbsyncrc'), 'bench']);
  },
};

export const offlineimap: Tool = {
  name: 'offlineimap3',
  async run(source, dest, workDir) {
    const repository = (name: string, port: number, readonly: boolean) =>
      `[Repository ${name}]\ntype = IMAP\nremotehost = 127.0.0.1\nremoteport = ${port}\nremoteuser = ${BENCH_USER}\nremotepass = ${BENCH_PASSWORD}\nssl = no\nstarttls = no\n${readonly ? 'readonly = True\n' : ''}\n`;
    const config = `[general]\naccounts = bench\nmetadata = ${join(workDir, 'meta')}\n\n[Account bench]\nlocalrepository = dst\nremoterepository = src\n\n`
      + repository('src', source.imapPort, true) + repository('dst', dest.imapPort, false);
    await writeFile(join(workDir, 'offlineimaprc'), config, { mode: 0o600 });
    return timed('/usr/bin/offlineimap', ['-c', join(workDir, 'offlineimaprc'), '-o', '-u', 'quiet']);
  },
};

/**
 * `doveadm backup -R` pulling over imapc into the destination's storage: Dovecot's own migration path. A fresh
 * destination INBOX has its own mailbox GUID and UIDVALIDITY, and backup, to make it the source's, would delete
 * it ("Mailbox INBOX sync: mailbox_delete failed: INBOX can't be deleted"); so the INBOX first gets the
 * source's GUID and UIDVALIDITY (`doveadm mailbox update`, as a migration would prepare it; not timed).
 */
export const doveadmBackup: Tool = {
  name: 'doveadm backup over imapc',
  async run(source, dest) {
    const config = ['-c', join(dest.dir, 'dovecot.conf')];
    const imapc = [
      '-o', 'imapc_host=127.0.0.1', '-o', `imapc_port=${source.imapPort}`, '-o', `imapc_user=${BENCH_USER}`,
      '-o', `imapc_password=${BENCH_PASSWORD}`, '-o', 'imapc_features=rfc822.size fetch-headers modseq', '-o', 'imapc_ssl=no',
    ];
    const doveadm = promisify(execFile);
    const { stdout } = await doveadm('/usr/bin/doveadm', [...config, ...imapc, '-o', 'mail_location=imapc:', 'mailbox', 'status', '-u', BENCH_USER, 'guid uidvalidity', 'INBOX']);
    const guid = /guid=([0-9a-f]+)/.exec(stdout)?.[1];
    const uidValidity = /uidvalidity=(\d+)/.exec(stdout)?.[1];
    if (!guid || !uidValidity) throw new Error(`doveadm mailbox status over imapc: no guid/uidvalidity in ${JSON.stringify(stdout.trim())}`);
    await doveadm('/usr/bin/doveadm', [...config, 'mailbox', 'update', '-u', BENCH_USER, '--mailbox-guid', guid, '--uid-validity', uidValidity, 'INBOX']);
    return timed('/usr/bin/doveadm', [...config, ...imapc, 'backup', '-R', '-u', BENCH_USER, 'imapc:']);
  },
};

export const TOOLS: readonly Tool[] = [mailferry, mbsync, offlineimap, doveadmBackup];
