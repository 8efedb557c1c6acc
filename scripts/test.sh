#!/usr/bin/env bash
# Runs every check and test of Radiator, the same way on a laptop and in CI:
# installs what is missing (Chromium, python3-icalendar), starts PostgreSQL
# when it is installed but stopped, checks formatting, vets, lints, and runs the whole test suite
# with the race detector on SQLite, PostgreSQL and in a real browser.
# It fails loudly when something it needs cannot be had.
set -euo pipefail
cd "$(dirname "$0")/.."

STATICCHECK_VERSION=v0.8.2
step() { printf '\n== %s\n' "$*"; }
die() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "Go is not installed (https://go.dev/doc/install); Radiator needs Go 1.26 or newer"

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else die "need root to run: $*"
	fi
}

step "Chromium for the browser tests"
if ! command -v chromium >/dev/null; then
	command -v apt-get >/dev/null || die "Chromium is missing and this machine has no apt-get; install the chromium package"
	as_root apt-get update -qq || die "apt-get update failed"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null || die "could not install chromium"
fi
export RADIATOR_CHROMIUM="${RADIATOR_CHROMIUM:-$(command -v chromium)}"
"$RADIATOR_CHROMIUM" --version || die "chromium does not start"

step "python3-icalendar, the independent parser the iCalendar tests check the feeds with"
if ! /usr/bin/python3 -c "import icalendar" 2>/dev/null; then
	command -v apt-get >/dev/null || die "python3-icalendar is missing and this machine has no apt-get; install Python 3 with the icalendar library as /usr/bin/python3"
	as_root apt-get update -qq || die "apt-get update failed"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-icalendar >/dev/null || die "could not install python3-icalendar"
fi
/usr/bin/python3 -c "import icalendar" || die "/usr/bin/python3 cannot import icalendar"

step "PostgreSQL"
export RADIATOR_TEST_POSTGRES="${RADIATOR_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}"
pg_up() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_up; then
	[ -d /etc/postgresql ] || die "PostgreSQL is not running on 127.0.0.1:5432 and is not installed (no /etc/postgresql)"
	as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || die "could not start PostgreSQL"
	for _ in $(seq 1 30); do pg_up && break; sleep 1; done
	pg_up || die "PostgreSQL did not come up on 127.0.0.1:5432"
fi
echo "PostgreSQL is up; tests use $RADIATOR_TEST_POSTGRES"

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
[ -z "$unformatted" ] || die "gofmt would change: $unformatted"

step "go vet"
go vet ./...

step "staticcheck $STATICCHECK_VERSION"
go run "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION" ./...

step "go test -race (SQLite, PostgreSQL, browser)"
go test -race -count=1 -timeout 12m ./...
