#!/bin/sh
# Install the Debian packages fislint needs to build, test and run.
# Safe to run again: packages already present are skipped.
set -eu
PACKAGES="build-essential autoconf automake libtool pkg-config
libcurl4-openssl-dev libjansson-dev check libxml2-dev libpoppler-private-dev
libzip-dev libpcre2-dev libsqlite3-dev sqlite3 python3 jq ca-certificates
chromium fonts-noto-cjk python3-jsonschema parallel procps
clang libclang-rt-dev"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# npm (for the SARIF schema below) may come from elsewhere than Debian.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -z "$missing" ]; then
    echo "setup-deps: all packages present"
else
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "setup-deps: installing$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The SARIF 2.1.0 JSON schema, for tests/cli-output.sh: Microsoft's
# jest-sarif package on npm (22 KB) ships the final 2.1.0 schema
# (sarif-2.1.0-rtm.5.json).  Only that file is kept, in a cache directory
# (FISLINT_CACHE), never installed globally.  Without it the test fails
# under CI and falls back to a hand-written schema elsewhere.
SARIF_PKG=@microsoft/jest-sarif@1.0.0-beta.0
SARIF_FILE=package/lib/schemas/sarif-2.1.0-rtm.5.json
cache=${FISLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fislint}
if [ ! -s "$cache/sarif/sarif-2.1.0.json" ] && command -v npm >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    if (cd "$tmp" && npm pack --silent "$SARIF_PKG" >/dev/null 2>&1 &&
        tar xzf ./*.tgz "$SARIF_FILE"); then
        mkdir -p "$cache/sarif"
        mv "$tmp/$SARIF_FILE" "$cache/sarif/sarif-2.1.0.json"
        echo "setup-deps: SARIF schema from $SARIF_PKG in $cache/sarif"
    else
        echo "setup-deps: could not get the SARIF schema from npm ($SARIF_PKG)" >&2
    fi
    rm -rf "$tmp"
fi
