#!/usr/bin/env bash
# Installs the system packages dappctl builds and tests against (Debian 12).
# Safe to run again: apt-get skips what is already there.
set -euo pipefail
packages=(libyaml-dev libgit2-dev pkg-config)
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
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${packages[@]}"
