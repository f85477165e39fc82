#!/usr/bin/env bash
# Installs the Debian packages the real test servers need (git daemon, nginx + fcgiwrap +
# git-http-backend, sshd, openssl). start.sh installs nothing itself; CI runs this first.
# Safe to run again: it exits early when every package is present (DAPPCTL_FORCE_APT=1 forces apt).
set -euo pipefail
packages=(git nginx-light fcgiwrap openssh-server openssh-client openssl python3 procps)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ] && [ "${DAPPCTL_FORCE_APT:-}" != 1 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Wait for the dpkg lock instead of failing when another apt run holds it.
lock=(-o DPkg::Lock::Timeout=600)
$sudo apt-get "${lock[@]}" update -qq
# --no-install-recommends keeps it small; policy-rc.d-less containers may print that
# services were not started, which is what we want: start.sh runs its own instances.
$sudo apt-get "${lock[@]}" install -y -qq --no-install-recommends "${packages[@]}"
