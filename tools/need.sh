#!/bin/sh
# tools/need.sh -- install the Debian packages a make target needs, if missing
#
# usage: tools/need.sh PACKAGE...
# Each argument is a Debian package name. Packages already installed are
# skipped quietly; the rest are installed with apt-get when we are root, and
# otherwise named in one clear line so the user can install them.
set -eu

missing=""
for pkg in "$@"; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $pkg"
	fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "clockring: missing packages:$missing (install them with your package manager)" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "clockring: missing packages:$missing (run: sudo apt-get install -y$missing)" >&2
	exit 1
fi
echo "clockring: installing$missing" >&2
# The package lists of a fresh machine are empty or stale: refresh them once.
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
