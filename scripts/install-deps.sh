#!/usr/bin/env bash
# Installs the Debian 12 packages dappctl builds and tests against: the C libraries it links
# (libyaml, libgit2, mimalloc) and the real servers the tests talk to (git daemon, nginx + fcgiwrap +
# git-http-backend, sshd, openssl) and python3-jsonschema, which the SARIF report tests validate
# against the official schema with. Safe to run again: apt-get runs only when something is
# missing (DAPPCTL_FORCE_APT=1 forces it).
set -euo pipefail
packages=(
  pkg-config libyaml-dev libgit2-dev libmimalloc-dev
  git nginx-light fcgiwrap openssh-server openssh-client openssl python3 python3-jsonschema procps
)
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
lock=(-o DPkg::Lock::Timeout=600)
$sudo apt-get "${lock[@]}" update -qq
$sudo apt-get "${lock[@]}" install -y -qq --no-install-recommends "${packages[@]}"
