#!/usr/bin/env bash
# The conformance test validates requests with xmllint (Debian: libxml2-utils). Installs it when
# missing and we may (root with apt-get); otherwise says what to install.
set -euo pipefail
command -v xmllint >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing libxml2-utils (xmllint) for the conformance test" >&2
  apt-get install -y -q libxml2-utils >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q libxml2-utils >/dev/null; }
  exit 0
fi
echo "xmllint is missing: install libxml2-utils (apt-get install libxml2-utils) before npm test" >&2
exit 1
