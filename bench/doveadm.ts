// The peer row: Dovecot's `doveadm import` of the same Maildir into a private Dovecot's Maildir, timed and
// measured by /usr/bin/time -v (wall clock, maximum resident set size).
import { execFile } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDovecot } from '../test/helpers/dovecot.ts';
import type { Corpus } from './corpora.ts';
import type { Row } from './import.ts';

const DOVEADM = process.env.DOVEADM_BIN ?? '/usr/bin/doveadm';

function run(file: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.slice(0, 6).join(' ')}…: ${stderr.trim().split('\n').slice(-3).join(' / ') || error.message}`));
      else resolve({ stdout, stderr });
    });
  });
}

function wallSeconds(text: string): number {
  const match = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(text);
  if (!match) throw new Error('no wall clock time in /usr/bin/time output');
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** the harness runs mail access as the system user "mail" */
function mailUser(): { uid: number; gid: number } {
  const fields = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('mail:'))?.split(':');
  if (!fields) throw new Error('no system user "mail"');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

export async function doveadmImport(corpus: Corpus): Promise<Row> {
  const dovecot = await startDovecot({ users: [{ user: 'bench', password: 'bench-password' }] });
  try {
    // INDEX=MEMORY and a CONTROL directory of its own: doveadm must not write into the (root-owned, cached) corpus
    const control = join(dovecot.dir, 'control');
    mkdirSync(control);
    const mail = mailUser();
    chownSync(control, mail.uid, mail.gid);
    const config = ['-c', `${dovecot.dir}/dovecot.conf`];
    const { stderr } = await run('/usr/bin/time', [
      '-v', DOVEADM, ...config, 'import', '-u', 'bench', `maildir:${corpus.root}:INDEX=MEMORY:CONTROL=${control}`, '', 'all',
    ]);
    if (/doveadm\(bench\).*Error:/.test(stderr)) throw new Error(stderr.split('\n').find((line) => line.includes('Error:')));
    // doveadm exits 0 even when a mailbox fails: count what arrived
    const { stdout } = await run(DOVEADM, [...config, 'mailbox', 'status', '-u', 'bench', 'messages', '*']);
    const imported = [...stdout.matchAll(/messages=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    if (imported !== corpus.messages) throw new Error(`doveadm imported ${imported} of ${corpus.messages} messages`);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    return {
      tool: 'doveadm import', corpus: corpus.name, messages: imported, bytes: corpus.bytes,
      seconds: wallSeconds(stderr), peakRssBytes: Number(rss?.[1] ?? 0) * 1024,
    };
  } finally {
    await dovecot.stop();
  }
}
