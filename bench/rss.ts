// Peak resident memory of a process and its descendants, sampled from /proc while a workload runs (a Dovecot
// serves each session from its own process, so the whole tree is summed).
import { readFileSync, readdirSync } from 'node:fs';

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

export function processTree(root: number): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Samples the summed RSS of `root`'s tree every 50 ms until stop() is called; returns the peak in bytes. */
export function sampleRss(root: number): { stop(): number } {
  let peak = 0;
  let pids = processTree(root);
  let ticks = 0;
  const sample = () => {
    if (ticks++ % 10 === 0) pids = processTree(root); // new session processes appear
    peak = Math.max(peak, pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) * 1024);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
