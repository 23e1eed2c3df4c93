import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ of /proc/<pid>/stat: 100 on every Linux that Node supports. */
const CLOCK_TICKS = 100;

interface ProcessStat {
  pid: number;
  ppid: number;
  name: string;
  /** utime + stime of the process (all its threads), in seconds. */
  cpuSeconds: number;
}

/** Every process's CPU time so far, from /proc; undefined where there is no /proc. */
const processStats = (): ProcessStat[] | undefined => {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const stats: ProcessStat[] = [];
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(')');
    // After the command name: state is field 3, ppid field 4, utime and stime fields 14 and 15.
    const fields = stat.slice(close + 2).split(' ');
    stats.push({
      pid: Number(pid),
      ppid: Number(fields[1]),
      name: stat.slice(stat.indexOf('(') + 1, close),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
    });
  }
  return stats;
};

/** CPU seconds (utime + stime) each of `pids` has used so far; a pid that is gone or unreadable is left out. */
export const cpuSecondsOf = (pids: readonly number[]): Map<number, number> => {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // gone meanwhile, or no /proc
    }
  }
  return seconds;
};

/** How often a meter reads /proc: a process that exits between two reads takes at most this much of its CPU along unseen. */
const SAMPLE_MS = 200;

export interface CpuUsed {
  /** The server process and every process it started (cluster workers, a projection process). */
  server?: number;
  /** Every process named `postgres` on this machine; only meaningful when DATABASE_URL points here. */
  postgres?: number;
}

/** Whether `pid` is `root` or one of its descendants. */
const inTree = (pid: number, root: number, parents: Map<number, number>): boolean => {
  for (let p: number | undefined = pid, hops = 0; p !== undefined && hops < 64; p = parents.get(p), hops += 1) if (p === root) return true;
  return false;
};

/** CPU seconds used so far by `root` and every process below it that is alive now; undefined where there is no /proc. */
export const treeCpuSeconds = (root: number): number | undefined => {
  const stats = processStats();
  if (!stats) return undefined;
  const parents = new Map(stats.map((s) => [s.pid, s.ppid]));
  return stats.filter((s) => inTree(s.pid, root, parents)).reduce((sum, s) => sum + s.cpuSeconds, 0);
};

/**
 * CPU seconds the server's process tree and PostgreSQL use from now until `stop`, summed per process
 * over samples of /proc: PostgreSQL's backends come and go with connections (pgbench's 16 exit when it
 * ends), and a plain before/after of all `postgres` processes would lose whatever the departed used.
 */
export const meterCpu = (serverPid?: number): { stop: () => CpuUsed } => {
  const first = new Map<number, number>();
  const last = new Map<number, { group: keyof CpuUsed; seconds: number }>();
  let available = true;
  const sample = (initial: boolean) => {
    const stats = processStats();
    if (!stats) {
      available = false;
      return;
    }
    const parents = new Map(stats.map((s) => [s.pid, s.ppid]));
    for (const s of stats) {
      const group =
        s.name === 'postgres' ? 'postgres' : serverPid !== undefined && inTree(s.pid, serverPid, parents) ? 'server' : undefined;
      if (!group) continue;
      // A process born after the start counts from zero.
      if (!first.has(s.pid)) first.set(s.pid, initial ? s.cpuSeconds : 0);
      last.set(s.pid, { group, seconds: s.cpuSeconds });
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      sample(false);
      if (!available) return {};
      const used: CpuUsed = { postgres: 0, server: serverPid === undefined ? undefined : 0 };
      for (const [pid, { group, seconds }] of last) used[group] = (used[group] ?? 0) + seconds - (first.get(pid) ?? 0);
      return used;
    },
  };
};

/** CPU seconds over `seconds` of wall time, in % of one core. */
export const cpuPercent = (used: number | undefined, seconds: number): number | undefined =>
  used !== undefined && seconds > 0 ? (used / seconds) * 100 : undefined;
