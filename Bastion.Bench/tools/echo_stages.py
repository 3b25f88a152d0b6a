#!/usr/bin/env python3
"""Per-stage breakdown of the echo bench's keystrokes (issue 12, the keystroke tail; docs/PERFORMANCE.md, session 6).

Usage: echo_stages.py KEYS.tsv bastion TRACE.data   (a trace from --attach "tools/echo-trace.sh TRACE.data")
       echo_stages.py KEYS.tsv ssh TRACE.data       (a trace from --attach-ssh "tools/echo-trace.sh TRACE.data")
The gateway (Bastion's server, or ssh -tt) is the pid in TRACE's name (the bench's {pid}); the client is the bench.

Each keystroke [start, end] (KEYS.tsv, the bench's monotonic clock, perf -k CLOCK_MONOTONIC) is cut at syscalls:
  A client's send enters   B gateway's receive of it returns   C gateway's send to sshd enters
  D sshd's receive returns  F sshd's send of the echo enters   G gateway's receive of the echo returns
  H gateway's send to the client enters   I client's last receive before the end returns
and, per keystroke, counts each process's sleeps (a switch-out in state S/D: every one is a later wake-up) and the
gateway's threads that ran. Wake latency: from a thread's sched_wakeup to its next syscall return.
"""
import collections
import re
import subprocess
import sys

RECV = {0, 45, 47}      # read recvfrom recvmsg
SEND = {1, 20, 44, 46}  # write writev sendto sendmsg


def sockets(path):
    """(pid, fd) -> (local port, peer port) from `ss -tnpH`."""
    out = {}
    for line in open(path):
        f = line.split()
        if len(f) < 6:
            continue
        local, peer = int(f[3].rsplit(':', 1)[1]), int(f[4].rsplit(':', 1)[1])
        for pid, fd in re.findall(r'pid=(\d+),fd=(\d+)', line):
            out[(int(pid), int(fd))] = (local, peer)
    return out


LINE = re.compile(r'^\s*(.+?)\s+(\d+)/(\d+)\s+(\d+)\.(\d+):\s+(\S+):\s+(.*)$')


def events(trace):
    """(ns, pid, tid, kind, detail) for every event, in time order."""
    p = subprocess.Popen(['perf', 'script', '-i', trace, '-F', 'comm,pid,tid,time,event,trace', '--ns'],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in p.stdout:
        m = LINE.match(line)
        if not m:
            continue
        comm, pid, tid, s, ns, ev, rest = m.groups()
        t = int(s) * 1_000_000_000 + int(ns)
        pid, tid = int(pid), int(tid)
        if ev == 'raw_syscalls:sys_enter':
            nr, args = re.match(r'NR (\d+) \(([^)]*)\)', rest).groups()
            yield t, pid, tid, 'enter', (int(nr), int(args.split(',')[0], 16), comm)
        elif ev == 'raw_syscalls:sys_exit':
            nr, ret = re.match(r'NR (\d+) = (-?\d+)', rest).groups()
            yield t, pid, tid, 'exit', (int(nr), int(ret), comm)
        elif ev == 'sched:sched_switch':
            state = re.search(r'prev_state=(\S+)', rest).group(1)
            nxt = int(re.search(r'next_pid=(\d+)', rest).group(1))
            yield t, pid, tid, 'switch', (state, nxt, comm)
        elif ev == 'sched:sched_wakeup':
            yield t, pid, tid, 'wakeup', (int(re.search(r' pid=(\d+)', rest).group(1)), comm)


def main():
    keys_path, label, trace = sys.argv[1:4]
    gateway = int(re.search(r'(\d+)\.data$', trace).group(1))
    socks = sockets(trace + '.sockets')
    keys = [(int(a), int(b)) for l, _, a, b in (line.split('\t') for line in open(keys_path).read().splitlines()[1:]) if l == label]

    evs = list(events(trace))
    pids = collections.Counter(e[1] for e in evs)
    comm_of = {}
    for e in evs:
        comm_of.setdefault(e[1], e[4][-1])
    sshd_pids = {p for p in pids if comm_of.get(p) in ('sshd', 'sshd-session')}
    if not sshd_pids or not any(p in sshd_pids for p, _ in socks):
        sys.exit(f'{trace}: no sshd in the trace or its socket list (did perf start? the bench prints "kill: ... No such process" when it did not)')
    sshd_port = collections.Counter(lp for (p, fd), (lp, pp) in socks.items() if p in sshd_pids).most_common(1)[0][0]
    gw_ssh = {fd for (p, fd), (lp, pp) in socks.items() if p == gateway and pp == sshd_port}
    gw_ssh_local = {lp for (p, fd), (lp, pp) in socks.items() if p == gateway and pp == sshd_port}
    sshd_sock = {(p, fd) for (p, fd), (lp, pp) in socks.items() if p in sshd_pids and lp == sshd_port and pp in gw_ssh_local}
    client = next(p for p, _ in pids.most_common() if p != gateway and p not in sshd_pids and comm_of.get(p) not in ('cat', 'bash', 'sh', 'perf'))

    # Every sleep of the gateway's threads from the first keystroke's start to the last one's end, by thread name: the
    # wake-ups a keystroke costs, including what falls between two keystrokes (a flow-control ack's handling).
    by_comm = collections.Counter()
    for t, pid, tid, kind, d in evs:
        if pid == gateway and kind == 'switch' and d[0] in ('S', 'D') and keys[0][0] <= t <= keys[-1][1]:
            by_comm[d[2]] += 1

    # Pair syscall exits with their enter's fd.
    open_fd = {}
    rows = []
    tid_pid = {}
    comm_of_tid = {}
    for t, pid, tid, kind, d in evs:
        tid_pid[tid] = pid
        comm_of_tid.setdefault(tid, d[-1])
        if kind == 'enter':
            open_fd[tid] = d[1]
            rows.append((t, pid, tid, 'enter', d[0], d[1], None))
        elif kind == 'exit':
            rows.append((t, pid, tid, 'exit', d[0], open_fd.pop(tid, None), d[1]))
        elif kind == 'switch':
            rows.append((t, pid, tid, 'switch', d[0], d[1], None))
        else:
            rows.append((t, pid, tid, 'wakeup', d[0], None, None))

    times = [r[0] for r in rows]
    import bisect

    def first(after, before, pred):
        for r in rows[bisect.bisect_left(times, after):bisect.bisect_right(times, before)]:
            if pred(r):
                return r
        return None

    def last(after, before, pred):
        for r in reversed(rows[bisect.bisect_left(times, after):bisect.bisect_right(times, before)]):
            if pred(r):
                return r
        return None

    names = ['client send', 'to gateway', 'gateway in', 'to sshd', 'sshd+pty', 'to gateway (echo)', 'gateway out', 'to client', 'client after']
    out = []
    for i, (t0, t1) in enumerate(keys):
        a = first(t0, t1, lambda r: r[1] == client and r[3] == 'enter' and r[4] in SEND)
        if a is None:
            continue
        b = first(a[0], t1, lambda r: r[1] == gateway and r[3] == 'exit' and r[4] in RECV and (r[6] or 0) > 0 and r[5] not in gw_ssh)
        c = b and first(b[0], t1, lambda r: r[1] == gateway and r[3] == 'enter' and r[4] in SEND and r[5] in gw_ssh)
        d = c and first(c[0], t1, lambda r: (r[1], r[5]) in sshd_sock and r[3] == 'exit' and r[4] in RECV and (r[6] or 0) > 0)
        f = d and first(d[0], t1, lambda r: (r[1], r[5]) in sshd_sock and r[3] == 'enter' and r[4] in SEND)
        g = f and first(f[0], t1, lambda r: r[1] == gateway and r[3] == 'exit' and r[4] in RECV and (r[6] or 0) > 0 and r[5] in gw_ssh)
        h = g and first(g[0], t1, lambda r: r[1] == gateway and r[3] == 'enter' and r[4] in SEND and r[5] not in gw_ssh)
        last_in = last(t0, t1, lambda r: r[1] == client and r[3] == 'exit' and r[4] in RECV and (r[6] or 0) > 0)
        if not all((b, c, d, f, g, h, last_in)):
            continue
        marks = [t0, a[0], b[0], c[0], d[0], f[0], g[0], h[0], last_in[0], t1]
        window = rows[bisect.bisect_left(times, t0):bisect.bisect_right(times, t1)]
        sleeps = collections.Counter()
        gw_threads = set()
        timer = any(r[1] == gateway and comm_of_tid.get(r[2], '').startswith('.NET Timer') for r in window)
        for r in window:
            if r[3] == 'switch' and r[4] in ('S', 'D'):
                sleeps['client' if r[1] == client else 'gateway' if r[1] == gateway else 'sshd' if r[1] in sshd_pids else 'other'] += 1
            if r[1] == gateway and r[3] in ('enter', 'exit'):
                gw_threads.add(r[2])
        # wake latency of each thread woken in the window: wakeup -> its next syscall return
        waits = []
        for r in window:
            if r[3] == 'wakeup' and tid_pid.get(r[4]) in (client, gateway) or (r[3] == 'wakeup' and tid_pid.get(r[4]) in sshd_pids):
                nxt = first(r[0] + 1, t1, lambda x, w=r[4]: x[2] == w and x[3] == 'exit')
                if nxt:
                    waits.append((nxt[0] - r[0]) / 1e6)
        out.append(dict(i=i, ms=(t1 - t0) / 1e6, stages=[(marks[k + 1] - marks[k]) / 1e6 for k in range(9)],
                        sleeps=sleeps, threads=len(gw_threads), timer=timer, maxwait=max(waits, default=0.0), waits=waits))

    def pct(v, p):
        v = sorted(v)
        return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float('nan')

    out.sort(key=lambda o: o['ms'])
    n = len(out)
    tail = out[-max(1, n // 100):]
    print(f'{label}: {n} of {len(keys)} keystrokes cut into stages (client pid {client}, gateway {gateway}, sshd port {sshd_port})')
    print(f'| stage (ms) | p50 of all | p99 of all | max | mean of all | mean of the slowest 1 % ({len(tail)}) | share of the slowest 1 % |')
    print('|---|---|---|---|---|---|---|')
    tot = sum(o['ms'] for o in tail)
    for k, name in enumerate(names):
        allv = [o['stages'][k] for o in out]
        tv = [o['stages'][k] for o in tail]
        print(f'| {name} | {pct(allv, 50):.3f} | {pct(allv, 99):.3f} | {max(allv):.3f} | {sum(allv) / n:.3f} | {sum(tv) / len(tv):.3f} | {100 * sum(tv) / tot:.0f} % |')
    tv = [o['ms'] for o in out]
    print('| total | %.3f | %.3f | %.3f | %.3f | %.3f | |' % (pct(tv, 50), pct(tv, 99), max(tv), sum(tv) / n, tot / len(tail)))
    for who in ('client', 'gateway', 'sshd'):
        print('sleeps per keystroke, %s: all %.2f, slowest 1 %% %.2f' % (who, sum(o['sleeps'][who] for o in out) / n, sum(o['sleeps'][who] for o in tail) / len(tail)))
    print('gateway sleeps per keystroke over the whole run, by thread: ' + ', '.join('%s %.2f' % (c, v / len(keys)) for c, v in by_comm.most_common()))
    print('keystrokes during which the gateway\'s timer thread ran (a periodic service, a timeout): all %.1f %%, slowest 1 %% %.1f %%'
          % (100 * sum(o['timer'] for o in out) / n, 100 * sum(o['timer'] for o in tail) / len(tail)))
    print('gateway threads that ran per keystroke: all %.2f, slowest 1 %% %.2f' % (sum(o['threads'] for o in out) / n, sum(o['threads'] for o in tail) / len(tail)))
    print(f'wake latency (wakeup -> next syscall return) of the woken threads, ms: p50 {pct([w for o in out for w in o["waits"]], 50):.3f}, '
          f'p99 {pct([w for o in out for w in o["waits"]], 99):.3f}; the largest per slow keystroke: ' + ', '.join('%.2f' % o['maxwait'] for o in tail))
    print('slowest keystrokes (ms): index, total, ' + ', '.join(names))
    for o in tail[::-1]:
        print('  %d, %.2f, ' % (o['i'], o['ms']) + ', '.join('%.2f' % s for s in o['stages']) + '; sleeps %s, gateway threads %d' % (dict(o['sleeps']), o['threads']))


if __name__ == '__main__':
    main()
