#!/usr/bin/env bash
# Verificación diaria (manual §9.1.1). Sale con 1 si algo necesita atención, para que cron o el monitoreo avisen.
# Uso: deploy/scripts/daily_check.sh     cron: 0 7 * * * .../daily_check.sh >> /var/log/tramites/daily_check.log 2>&1
# Variables: ENTORNO (prod), HEALTH_URL, DISK_WARN_PERCENT (80), BACKUP_ROOT, BACKUP_MAX_AGE_HOURS (26)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

requiere docker curl df
usar_entorno "${ENTORNO:-prod}"
avisos=0
aviso() {
  avisos=$((avisos + 1))
  log "⚠ $*"
}

log "========== VERIFICACIÓN DIARIA =========="

log "1. Contenedores"
while read -r id; do
  [[ -n "$id" ]] || continue
  read -r nombre estado salud <<<"$(docker inspect -f '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}}' "$id")"
  if [[ "$estado" == exited && "$nombre" == *migrate* ]]; then
    continue
  fi
  if [[ "$estado" != running || "$salud" == unhealthy ]]; then
    aviso "$nombre: $estado (salud: $salud)"
  fi
done < <(compose ps -q)

log "2. Salud de la API"
base="${HEALTH_URL:-https://127.0.0.1:${HTTPS_PORT:-443}}"
[[ "$(http_status "$base/health")" == 200 ]] || aviso "la API no responde en $base/health"
detalle="$(curl -ks --max-time 10 "$base/health/detailed" || true)"
[[ "$detalle" == *'"status":"healthy"'* ]] || aviso "salud detallada: ${detalle:-sin respuesta}"

log "3. Espacio en disco"
while read -r uso montaje; do
  uso="${uso%\%}"
  ((uso > ${DISK_WARN_PERCENT:-80})) && aviso "disco $montaje al $uso%"
done < <(df -P -x tmpfs -x devtmpfs -x overlay | awk 'NR > 1 {print $5, $6}')

log "4. Errores en los logs de la API (24 h, todos los colores)"
# pino: "level":50 es error y 60 fatal. En blue-green se leen api-blue y api-green: el error puede estar en cualquiera.
mapfile -t apis < <(servicios_api)
((${#apis[@]} > 0)) || apis=(api)
errores="$(compose logs --no-color --since 24h "${apis[@]}" 2>/dev/null | grep -cE '"level":(50|60)' || true)"
log "   errores: $errores"
((errores > ${ERROR_WARN_COUNT:-100})) && aviso "$errores errores en 24 h (nivel 2 del §9.7: más de 100/hora es incidente)"

log "5. Último respaldo"
ultimo="$(find "${BACKUP_ROOT:-/backups/tramites}" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*_[0-9]*' -mmin "-$((${BACKUP_MAX_AGE_HOURS:-26} * 60))" 2>/dev/null | sort | tail -n 1)"
if [[ -n "$ultimo" ]]; then log "   $ultimo"; else aviso "no hay respaldo de las últimas ${BACKUP_MAX_AGE_HOURS:-26} h"; fi

log "6. Redis"
# shellcheck disable=SC2016 # $REDIS_PASSWORD se expande dentro del contenedor, que la tiene (REDIS_PASSWORD de .env).
compose exec -T redis sh -c '[ -z "$REDIS_PASSWORD" ] || export REDISCLI_AUTH="$REDIS_PASSWORD"; redis-cli --no-auth-warning INFO memory' 2>/dev/null |
  grep -E '^used_memory_human' >&2 || aviso "Redis no responde"

log "7. Sesiones y bloqueos de SQL Server"
# ops sessions usa el login de monitoreo (VIEW SERVER STATE); sale 2 si hay sesiones bloqueadas. Con el login de la API
# SQL Server solo le muestra sus propias sesiones: diría siempre "sin bloqueos", así que sin esa contraseña no se corre.
if [[ -z "${DB_MONITOR_PASSWORD:-}" ]]; then
  aviso "no se revisaron los bloqueos: falta DB_MONITOR_PASSWORD en .env (login de monitoreo con VIEW SERVER STATE)"
else
  ops_cli sessions >&2 ||
    aviso "hay sesiones bloqueadas o la revisión falló (vea arriba)"
fi

log "========== $avisos aviso(s) =========="
((avisos == 0))
