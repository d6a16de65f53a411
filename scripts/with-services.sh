#!/usr/bin/env bash
# Runs a command with the services the tests need, and stops them afterwards,
# even when the command fails:
#   - a private D-Bus session with gnome-keyring's Secret Service, unlocked;
#   - a throwaway PostgreSQL 15 cluster on 127.0.0.1 and a free port (fsync off).
# Usage: bash scripts/with-services.sh npx vitest run
# Exports: TWOFOLD_TEST_PG_URL (admin URL of the cluster), TWOFOLD_TEST_KEYRING=1.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TWOFOLD_IN_DBUS:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "Missing system package: dbus (apt-get install dbus dbus-x11)" >&2; exit 3; }
  export TWOFOLD_IN_DBUS=1
  exec dbus-run-session -- bash "$0" "$@"
fi

pids=()
pgdir=""
pgbin=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  local code=$?
  if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
    as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$pgdir" ] && rm -rf "$pgdir"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  exit "$code"
}
trap cleanup EXIT INT TERM

# --- gnome-keyring's Secret Service, unlocked ---------------------------------
command -v gnome-keyring-daemon >/dev/null || { echo "Missing system package: gnome-keyring (apt-get install gnome-keyring libsecret-tools)" >&2; exit 3; }
export XDG_DATA_HOME XDG_RUNTIME_DIR
XDG_DATA_HOME=$(mktemp -d /tmp/twofold-keyring.XXXXXX)
XDG_RUNTIME_DIR="$XDG_DATA_HOME/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
keyring_dir="$XDG_DATA_HOME"
printf %s "twofold-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
  org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' \
  || { echo "gnome-keyring did not register org.freedesktop.secrets on the session bus" >&2; exit 3; }
export TWOFOLD_TEST_KEYRING=1
export TWOFOLD_TEST_KEYRING_PASSWORD=twofold-test-keyring
pids+=("$(pgrep -n -f 'gnome-keyring-daemon' || true)")

# --- throwaway PostgreSQL ------------------------------------------------------
if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
  pgbin=$(pg_config --bindir)
else
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
fi
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || { echo "Missing system package: postgresql (apt-get install postgresql)" >&2; exit 3; }
pgdir=$(mktemp -d /tmp/twofold-pg.XXXXXX)
chmod 755 "$pgdir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdir"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres --no-sync >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log" >&2; exit 3; }
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 start \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  >/dev/null || { cat "$pgdir/server.log" >&2; exit 3; }
export TWOFOLD_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"

echo "services: keyring on the private session bus, PostgreSQL on 127.0.0.1:$port" >&2
set +e
"$@"
status=$?
set -e
rm -rf "$keyring_dir"
exit $status
