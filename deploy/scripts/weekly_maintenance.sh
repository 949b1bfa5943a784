#!/usr/bin/env bash
# Mantenimiento semanal (manual §9.2): base de datos (estadísticas, índices por fragmentación, DBCC CHECKDB o
# integrity_check/VACUUM, purga de auditoría), limpieza de Docker, respaldo y aviso de actualizaciones de seguridad.
# Uso: deploy/scripts/weekly_maintenance.sh     cron: 0 3 * * 0 .../weekly_maintenance.sh >> /var/log/tramites/weekly.log 2>&1
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scripts="$(dirname "${BASH_SOURCE[0]}")"
[[ "${OPS_MODE:-docker}" == local ]] || usar_entorno "${ENTORNO:-prod}"

log "1/4 Mantenimiento de la base de datos"
ops_cli maintenance

if [[ "${OPS_MODE:-docker}" != local ]]; then
  log "2/4 Limpieza de Docker (más de una semana sin uso)"
  docker system prune -f --filter "until=168h"
fi

log "3/4 Respaldo"
"$scripts/backup.sh" >/dev/null

log "4/4 Actualizaciones de seguridad pendientes (se aplican con unattended-upgrades, no desde aquí)"
if command -v apt-get >/dev/null 2>&1; then
  # Sin refrescar las listas, apt-get -s cuenta contra lo que se descargó la última vez (quizás hace semanas).
  if ! apt-get update -qq >/dev/null 2>&1; then
    log "   ATENCIÓN: apt-get update falló (¿sin root o sin red?): la cifra siguiente puede estar atrasada"
  fi
  pendientes="$(apt-get -s upgrade 2>/dev/null | grep -c '^Inst .*-security' || true)"
  log "   paquetes de seguridad pendientes: $pendientes"
fi
log "Mantenimiento semanal completado"
