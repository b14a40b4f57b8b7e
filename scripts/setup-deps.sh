#!/bin/sh
# Install the Debian packages fislint needs to build, test and run.
# Safe to run again: packages already present are skipped.
set -eu
PACKAGES="build-essential autoconf automake libtool pkg-config
libcurl4-openssl-dev libjansson-dev check libxml2-dev libpoppler-glib-dev
libzip-dev libpcre2-dev python3 jq ca-certificates"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && { echo "setup-deps: all packages present"; exit 0; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-deps: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
