#!/usr/bin/env bash
# scripts/chromium.sh — "give me a Chromium".
#
# Prints the path of a Chromium binary on stdout (one line); every message
# goes to stderr, so `CHROME=$(scripts/chromium.sh)` is safe.
#
# Usage:
#   scripts/chromium.sh           print the path (installing Chromium if needed)
#   scripts/chromium.sh --check   same, then smoke-test it headless
#                                 (--dump-dom about:blank) before printing
#
# Order:
#   1. $CHROMIUM_PATH, if set and executable.
#   2. /usr/bin/chromium, if it exists.
#   3. As root: `apt-get update` then
#      `DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk`
#      and print /usr/bin/chromium.
#   Otherwise exit 1, naming the packages to install.
# When Chromium is already there but `fc-list :lang=zh` finds no font, the
# Debian package fonts-noto-cjk is installed as well (as root; otherwise a
# warning), so Chinese text renders in screenshots.
#
# Environment:
#   CHROMIUM_PATH   use this Chromium binary if it is executable.
#
# Headless flags known to work on this machine (as root, closed network):
#   --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
#   --disable-background-networking --disable-component-update --disable-sync
#   --user-data-dir=<fresh empty dir>
set -euo pipefail

readonly SYSTEM_CHROMIUM=/usr/bin/chromium
readonly PACKAGES=(chromium fonts-noto-cjk)

log() { printf 'chromium.sh: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [[ $EUID -eq 0 ]]; }

usage() {
	sed -n '2,/^set -euo pipefail/{/^set /d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}" >&2
}

apt_updated=0
# apt_install PKG... — install Debian packages (root only). Returns non-zero on failure.
apt_install() {
	have apt-get || return 1
	if [[ $apt_updated -eq 0 ]]; then
		log "running apt-get update"
		apt-get -o DPkg::Lock::Timeout=300 update >&2 || return 1
		apt_updated=1
	fi
	log "installing Debian packages: $*"
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
		install -y "$@" >&2
}

has_cjk_font() {
	have fc-list || return 1
	[[ -n $(fc-list :lang=zh family 2>/dev/null | head -n 1) ]]
}

# Make sure a font covering Chinese is installed; never fatal.
ensure_cjk_fonts() {
	has_cjk_font && return 0
	if ! is_root; then
		log "warning: no Chinese font found (fc-list :lang=zh); Chinese text will not render." \
			"Install it with: sudo apt-get install fonts-noto-cjk"
		return 0
	fi
	if apt_install fonts-noto-cjk && has_cjk_font; then
		log "installed fonts-noto-cjk"
	else
		log "warning: could not install fonts-noto-cjk; Chinese text may not render." \
			"Install it with: apt-get install fonts-noto-cjk"
	fi
}

# Sets CHROMIUM to the binary to use (installing it if needed), or exits 1.
CHROMIUM=
find_chromium() {
	if [[ -n ${CHROMIUM_PATH:-} ]]; then
		if [[ -f $CHROMIUM_PATH && -x $CHROMIUM_PATH ]]; then
			CHROMIUM=$CHROMIUM_PATH
			return 0
		fi
		log "warning: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file; ignoring it"
	fi
	if [[ -x $SYSTEM_CHROMIUM ]]; then
		CHROMIUM=$SYSTEM_CHROMIUM
		return 0
	fi
	if ! is_root; then
		die "Chromium not found (set CHROMIUM_PATH, or install it with:" \
			"sudo apt-get install ${PACKAGES[*]})"
	fi
	if ! apt_install "${PACKAGES[@]}" || [[ ! -x $SYSTEM_CHROMIUM ]]; then
		die "could not install Chromium with apt-get; install it with:" \
			"apt-get install ${PACKAGES[*]}"
	fi
	log "installed ${PACKAGES[*]}"
	CHROMIUM=$SYSTEM_CHROMIUM
}

# Run the browser headless on about:blank; it must print an <html> document.
smoke_test() {
	local bin=$1 profile out
	profile=$(mktemp -d "${TMPDIR:-/tmp}/chromium-check.XXXXXX")
	# shellcheck disable=SC2064 # expand now: $profile is local
	trap "rm -rf -- '$profile'" EXIT
	if ! out=$(timeout 60 "$bin" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$profile" --dump-dom about:blank 2>/dev/null); then
		die "$bin --headless --dump-dom about:blank failed"
	fi
	[[ $out == *"<html"* ]] || die "$bin --dump-dom about:blank printed no <html> document"
	log "smoke test passed: $("$bin" --version 2>/dev/null || echo "$bin")"
}

main() {
	local check=0
	case "${1:-}" in
	'') ;;
	--check) check=1 ;;
	-h | --help | help)
		usage
		return 0
		;;
	*)
		usage
		die "unknown argument: $1"
		;;
	esac
	[[ $# -le 1 ]] || die "too many arguments"

	find_chromium
	ensure_cjk_fonts
	[[ $check -eq 0 ]] || smoke_test "$CHROMIUM"
	printf '%s\n' "$CHROMIUM"
}

main "$@"
