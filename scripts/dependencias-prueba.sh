#!/usr/bin/env bash
# Debian packages the tests start or call (docs/decisiones.md §9): Redis, nginx, Chromium, promtool and amtool,
# docker-compose (config validation only), shellcheck, openssl, curl (used by the ops scripts). Installs only what is missing, so a second run is instant.
set -euo pipefail

paquetes=(redis-server nginx chromium prometheus prometheus-alertmanager docker-compose shellcheck openssl curl)
faltan=()
for p in "${paquetes[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || faltan+=("$p")
done
if [ "${#faltan[@]}" -eq 0 ]; then
  echo "Dependencias de prueba ya instaladas"
  exit 0
fi
sudo_si_hace_falta=()
[ "$(id -u)" -eq 0 ] || sudo_si_hace_falta=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_si_hace_falta[@]}" apt-get update -qq
"${sudo_si_hace_falta[@]}" apt-get install -y -qq --no-install-recommends "${faltan[@]}"
# The packages start system services we do not use: tests start their own instances on free ports.
for s in redis-server nginx prometheus prometheus-alertmanager; do
  "${sudo_si_hace_falta[@]}" service "$s" stop >/dev/null 2>&1 || true
done
