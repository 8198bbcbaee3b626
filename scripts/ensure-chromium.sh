#!/usr/bin/env bash
# The browser test drives Debian's Chromium through playwright-core (which never downloads a
# browser of its own). Installs the chromium package when missing and we may (root with apt-get).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser test" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; }
  exit 0
fi
echo "chromium is missing: install Debian's chromium package (apt-get install chromium) before npm test" >&2
exit 1
