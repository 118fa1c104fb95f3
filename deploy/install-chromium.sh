#!/usr/bin/env bash
# Debian's Chromium for the live report's browser test (deploy/report/test), with a CJK font so the Chinese page
# renders in its screenshots. Needs root or password-less sudo (Chromium brings too many libraries to unpack by hand).
set -euo pipefail
packages=(chromium fonts-wqy-microhei)
if command -v chromium >/dev/null && dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium)"
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "install Debian's Chromium first: sudo apt-get install ${packages[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" \
  || { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"; }
command -v chromium
