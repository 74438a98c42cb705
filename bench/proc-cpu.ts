// CPU time of a process tree from /proc (Linux), to attribute a load run's CPU to
// workerd, wrangler and the benchmark process itself. Returns nothing elsewhere.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Stat {
  pid: number;
  ppid: number;
  name: string;
  cpuMs: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), name, cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms per process name for `root` and all its descendants, plus this process. */
export function treeCpu(root: number): Record<string, number> {
  let all: Stat[];
  try {
    all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => stat(Number(d))).filter((s): s is Stat => Boolean(s));
  } catch {
    return {};
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) if (!tree.has(s.pid) && tree.has(s.ppid)) (tree.add(s.pid), (grew = true));
  }
  const out: Record<string, number> = {};
  for (const s of all) if (tree.has(s.pid)) out[s.name] = (out[s.name] ?? 0) + s.cpuMs;
  const self = process.cpuUsage();
  out['bench (autocannon + fake LINE)'] = (self.user + self.system) / 1000;
  return out;
}

export function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
}
