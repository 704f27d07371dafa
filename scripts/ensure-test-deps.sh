#!/usr/bin/env bash
# Installs, from Debian's packages, the real peers the tests talk to, when they are missing.
set -euo pipefail
need=()
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd dovecot-pop3d)
[ -x /usr/lib/dovecot/pop3 ] || need+=(dovecot-pop3d)
[ -x /usr/lib/dovecot/imap ] || need+=(dovecot-imapd)
command -v getmail >/dev/null 2>&1 || need+=(getmail6)
command -v mbsync >/dev/null 2>&1 || need+=(isync)
# the sync tests start Dovecot with a self-signed certificate (imaps)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}"
fi
