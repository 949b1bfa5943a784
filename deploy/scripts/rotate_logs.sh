#!/usr/bin/env bash
# Rotación diaria de logs (manual §9.1.2): guarda las últimas 24 h de los contenedores comprimidas en LOG_DIR,
# comprime logs sueltos de más de un día y borra los de más de LOG_RETENTION_DAYS.
# Los logs de Docker en sí ya rotan por tamaño (json-file max-size/max-file en el overlay prod) y Loki guarda 30 días.
# Uso: deploy/scripts/rotate_logs.sh    cron: 0 2 * * * .../rotate_logs.sh >> /var/log/tramites/rotate_logs.log 2>&1
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOG_DIR="${LOG_DIR:-/var/log/tramites}"
RETENCION="${LOG_RETENTION_DAYS:-30}"
requiere gzip find
mkdir -p "$LOG_DIR"

find "$LOG_DIR" -maxdepth 1 -type f -name '*.log' -mtime +0 -exec gzip -f {} +
find "$LOG_DIR" -maxdepth 1 -type f -name '*.log.gz' -mtime +"$RETENCION" -delete

if [[ "${OPS_MODE:-docker}" != local ]]; then
  usar_entorno "${ENTORNO:-prod}"
  archivo="$LOG_DIR/docker_$(date +%Y%m%d).log.gz"
  compose logs --no-color --timestamps --since 24h | gzip >"$archivo"
  log "Logs de contenedores de 24 h en $archivo"
fi
log "Rotación de logs completada (retención $RETENCION días)"
