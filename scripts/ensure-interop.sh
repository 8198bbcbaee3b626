#!/usr/bin/env bash
# The interop tests call real SOAP servers that other people wrote (PHP's SoapServer, spyne) and
# compare with zeep, the reference client: all from Debian's packages, installed when missing and
# we may (root with apt-get). Debian's python3 modules live under /usr/bin/python3, whatever
# python3 comes first on PATH.
set -euo pipefail
missing=()
command -v php >/dev/null 2>&1 || missing+=(php-cli)
php -m 2>/dev/null | grep -qx soap || missing+=(php-soap)
/usr/bin/python3 -c 'import spyne' >/dev/null 2>&1 || missing+=(python3-spyne)
/usr/bin/python3 -c 'import zeep' >/dev/null 2>&1 || missing+=(python3-zeep)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} for the interop tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
  exit 0
fi
echo "missing ${missing[*]}: install them (apt-get install ${missing[*]}) before npm test" >&2
exit 1
