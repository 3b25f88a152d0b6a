#!/usr/bin/env bash
# The one command that runs every test on a fresh Debian 12 machine: the client's lint, type check, tests and build,
# `dotnet format --verify-no-changes`, then the .NET build and every .NET test (unit, relay, real sshd, real Chromium,
# headless xterm.js). Run it as root, as CI does: the sshd
# tests create a local login user and run sshd with PAM.
# Output ends with a summary from the TRX files and then exactly one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

fail() {
  echo "test.sh: error: $*" >&2
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# 1. System packages: a real sshd, Debian's Chromium (Playwright drives it; it never downloads a browser), asciinema
# (the recording tests play casts with it), iptables (the dead-host tests blackhole the test sshd's loopback port),
# vim, top and tmux (the screen-restore tests run them in a real PTY), postgresql (the storage tests and the
# suite's second run start their own server with initdb/pg_ctl; Debian puts those binaries under
# /usr/lib/postgresql/<version>/bin, 15 on Debian 12, and never starts its own cluster here), and redis-server and
# nginx (the multi-node tests start their own, on loopback ports with temporary directories), and rsyslog with its
# gtls driver (the syslog export tests start their own rsyslogd over TCP and TLS; rsyslog-gnutls ships only a library,
# not executable, so its documentation directory stands for it in needs).
packages=(openssh-server chromium asciinema iptables vim procps tmux postgresql redis-server nginx rsyslog rsyslog-gnutls)
needs=(/usr/sbin/sshd /usr/bin/chromium /usr/bin/asciinema /usr/sbin/iptables /usr/bin/vim /usr/bin/top /usr/bin/tmux /usr/lib/postgresql/15/bin/initdb /usr/bin/redis-server /usr/sbin/nginx /usr/sbin/rsyslogd /usr/share/doc/rsyslog-gnutls)
missing=()
for i in "${!needs[@]}"; do
  [[ -x ${needs[$i]} ]] || missing+=("${packages[$i]}")
done
if ((${#missing[@]} > 0)); then
  if is_root; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y "${packages[@]}"
  else
    fail "missing ${missing[*]}. Fix: sudo apt-get update && sudo apt-get install -y ${packages[*]}"
  fi
fi
for need in "${needs[@]}"; do
  [[ -x $need ]] || fail "apt-get did not install $need (packages: ${packages[*]})"
done

# sshd's privilege separation directory; Debian's service unit creates it, a container has none.
if [[ ! -d /run/sshd ]]; then
  mkdir -p /run/sshd || fail "cannot create /run/sshd. Fix: run as root (sudo ./test.sh)"
fi
is_root || echo "test.sh: warning: not root; the sshd tests need root (they create the user 'bastiontest')" >&2

# 2. Tools.
command -v dotnet >/dev/null || fail "dotnet not found. Fix: install the .NET SDK pinned in global.json (10.0.x)"
command -v node >/dev/null || fail "node not found. Fix: install Node.js >= 20.19 (see client/package.json engines)"
command -v npm >/dev/null || fail "npm not found. Fix: install npm with Node.js"
[[ -f client/package.json ]] || fail "client/package.json not found"
[[ -f client/package-lock.json ]] || fail "client/package-lock.json not found (npm ci needs it)"
solution=Bastion.sln
[[ -f $solution ]] || solution=Bastion.slnx
[[ -f $solution ]] || fail "Bastion.sln not found"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 3. Client: install exactly the lockfile, lint, type check, unit tests, bundle (into Bastion.Web/wwwroot).
(cd client && npm ci && npm run lint && npm run typecheck && npm test && npm run build)
(cd Bastion.Tests/ScreenHarness && npm ci) # headless xterm.js for the screen-restore tests
(cd Bastion.Tests/OidcProvider && npm ci) # a real OpenID provider for the single sign-on tests

# 4. .NET format: whitespace, code style and analyzers exactly as .editorconfig says (the build enforces the rest).
dotnet format "$solution" --verify-no-changes || fail "dotnet format found changes to make. Fix: dotnet format $solution, then commit"

# 5. .NET build and tests. Keep going after failing tests so the summary below is always printed.
dotnet build "$solution" -c Release
rm -rf TestResults
status=0
dotnet test "$solution" -c Release --no-build \
  --logger "console;verbosity=normal" --logger trx --results-directory TestResults || status=$?
# The whole suite once more with every test deployment on PostgreSQL (a database each on one test server); the
# tests that inspect the SQLite file itself pin Storage:Provider=sqlite. BASTION_TEST_POSTGRES_RUN=0 skips it.
if [[ ${BASTION_TEST_POSTGRES_RUN:-1} != 0 ]]; then
  BASTION_TEST_STORAGE=postgres dotnet test "$solution" -c Release --no-build \
    --logger "console;verbosity=normal" --logger trx --results-directory TestResults/postgres || status=$?
fi

# 6. Totals over every test assembly's TRX (<Counters total=".." passed=".." failed=".." .../>).
total=0 passed=0 failed=0 skipped=0 files=0
counter() {
  local value
  value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
  echo "${value:-0}"
}
while IFS= read -r -d '' trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  [[ -n $counters ]] || continue
  files=$((files + 1))
  total=$((total + $(counter total "$counters")))
  passed=$((passed + $(counter passed "$counters")))
  skipped=$((skipped + $(counter notExecuted "$counters")))
  for kind in failed error timeout aborted; do
    failed=$((failed + $(counter "$kind" "$counters")))
  done
done < <(find TestResults -name '*.trx' -print0 2>/dev/null)

if ((passed + failed == 0)); then
  echo "test.sh: error: no tests ran (found $files TRX file(s) in TestResults/)" >&2
  ((status != 0)) || status=1
elif ((failed > 0)); then
  ((status != 0)) || status=1
elif ((skipped > 0)); then
  # A skipped test hides a missing install step; this suite has none on purpose.
  echo "test.sh: error: $skipped test(s) were skipped" >&2
  ((status != 0)) || status=1
fi
# The names and first message lines of failed tests come last, where a CI log's tail shows them.
if ((failed > 0)); then
  echo "Failed tests:"
  while IFS= read -r -d '' trx; do
    perl -0777 -ne 'while (/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="(?:Failed|Error|Timeout|Aborted)"[^>]*>(.*?)<\/UnitTestResult>/gs) {
        my ($name, $body) = ($1, $2); my ($msg) = $body =~ /<Message>(.*?)<\/Message>/s; $msg //= "";
        $msg =~ s/&lt;/</g; $msg =~ s/&gt;/>/g; $msg =~ s/&quot;/"/g; $msg =~ s/&amp;/&/g;
        my @lines = grep { /\S/ } split /\n/, $msg; splice(@lines, 6) if @lines > 6;
        $name =~ s/&quot;/"/g; $name =~ s/&amp;/&/g;
        print "  $name\n", map { "      $_\n" } @lines; }' "$trx"
  done < <(find TestResults -name '*.trx' -print0 2>/dev/null)
fi
verdict='Passed!'
((status == 0)) || verdict='Failed!'
echo "$verdict  - Failed: $failed, Passed: $passed, Skipped: $skipped, Total: $total (all test assemblies, from TestResults/*.trx)"
echo "$passed passed, $failed failed"
exit "$status"
