#!/bin/sh
# echo-trace.sh OUT.data: for the echo bench's --attach / --attach-ssh (docs/PERFORMANCE.md, "the keystroke tail,
# session 6"). Records, on the monotonic clock the bench's Stopwatch uses, the network and wait syscalls and the
# scheduler's switches and wake-ups of the bench (this script's parent) and every process under it: the server, sshd
# and its session processes, ssh -tt. Beside OUT.data it writes OUT.sockets (ss -tnp) so echo_stages.py can tell
# each process's sockets apart. Ends on SIGINT (the bench sends it), like any perf record.
out=$1
bench=$PPID
# (not this script's own subtree: its ps and subshells are gone before perf starts, and perf refuses a pid that is gone)
descendants() { for c in $(ps -o pid= --ppid "$1"); do [ "$c" = $$ ] && continue; echo "$c"; descendants "$c"; done; }
all=$(descendants "$bench")
pids=$bench
# Short-lived helpers the bench runs (kill, ps) may be gone by then: only the processes that make up the path.
for p in $all; do
  case $(cat /proc/"$p"/comm 2>/dev/null) in dotnet|sshd|sshd-session|ssh|cat|bash|sh) pids=$pids,$p ;; esac
done
ss -tnpH > "$out.sockets"
# read write writev recvfrom sendto recvmsg sendmsg poll ppoll select pselect6 futex epoll_wait epoll_pwait epoll_pwait2
ids='id==0||id==1||id==20||id==45||id==44||id==47||id==46||id==7||id==271||id==23||id==270||id==202||id==232||id==281||id==441'
# perf now and then exits at once (a thread of a target exiting while it attaches): try again, up to three times,
# and forward the bench's SIGINT to it as SIGTERM (a background job ignores SIGINT), then wait for it to write the file.
trap 'kill -TERM $perf 2>/dev/null' INT TERM
for try in 1 2 3; do
  perf record -k CLOCK_MONOTONIC -m 4096 -o "$out" -p "$pids" \
    -e raw_syscalls:sys_enter --filter "$ids" -e raw_syscalls:sys_exit --filter "$ids" \
    -e sched:sched_switch -e sched:sched_wakeup &
  perf=$!
  sleep 0.5
  kill -0 $perf 2>/dev/null && break
  wait $perf; echo "echo-trace.sh: perf record exited at once ($?), attempt $try" >&2
done
wait $perf
wait $perf
