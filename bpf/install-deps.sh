#!/bin/bash
# Installs what bpf/ needs to build, test and benchmark (Debian 12). Idempotent.
set -euo pipefail
PKGS=(clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev make pkg-config
      nghttp2-client nghttp2-server python3-h2 curl wrk haproxy)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
echo "bpf deps: ok"
