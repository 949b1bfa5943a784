#!/usr/bin/env bash
# Actualización a la última versión (manual §9.4.1): respaldo, git pull y despliegue sin corte con blue-green.
#   1. backup.sh;  2. git pull --ff-only;  3. construye la imagen del color inactivo;
#   4. migraciones con esa imagen NUEVA (servicio migrate con API_IMAGE = imagen del color destino; deben ser compatibles
#      con la versión que sigue activa, ver docs/operations.md); si fallan no se levanta ni se cambia nada;
#   5. levanta el color inactivo y espera su salud (puerta);  6. switchover.sh (puerta de salud + verificación + rollback);
#   7. vigila el router MONITOR_CHECKS veces; si falla, vuelve al color anterior.
# Sin blue-green (DEPLOY_MODE=prod) recrea la API con un corte breve.
#
# Uso: deploy/scripts/update_system.sh        Variables: DEPLOY_MODE (bluegreen | prod), MONITOR_CHECKS (10)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

modo="${DEPLOY_MODE:-bluegreen}"
scripts="$(dirname "${BASH_SOURCE[0]}")"
requiere docker git curl

log "1/7 Respaldo previo"
ENTORNO="$modo" "$scripts/backup.sh" >/dev/null

log "2/7 Trayendo la última versión"
git -C "$PROYECTO_DIR" pull --ff-only
log "Versión: $(git -C "$PROYECTO_DIR" log --oneline -1)"

usar_entorno "$modo"
if [[ "$modo" != bluegreen ]]; then
  log "3/7 Actualización sin blue-green: se recrea la API"
  compose build --pull api migrate
  compose up -d
  esperar_salud "https://127.0.0.1:${HTTPS_PORT:-443}/health" 60 5 || fallar "la API no quedó saludable"
  log "Actualización completada"
  exit 0
fi

actual="$(color_activo)"
destino="$(otro_color "$actual")"
puerto="$(puerto_color "$destino")"

log "3/7 Construyendo api-$destino (activo: $actual)"
compose build --pull "api-$destino"
imagen_destino="${API_IMAGE_BLUE:-tramites-api:blue}"
[[ "$destino" == green ]] && imagen_destino="${API_IMAGE_GREEN:-tramites-api:green}"
log "4/7 Migraciones con la imagen nueva ($imagen_destino)"
API_IMAGE="$imagen_destino" compose run --rm migrate || fallar "las migraciones fallaron; el tráfico sigue en $actual"
log "5/7 Levantando api-$destino"
compose up -d --no-deps "api-$destino"
esperar_salud "http://127.0.0.1:$puerto/health" 60 5 || fallar "api-$destino no quedó saludable; el tráfico sigue en $actual"

log "6/7 Cambio de tráfico"
"$scripts/switchover.sh" "$destino"

log "7/7 Vigilando el router"
for ((i = 1; i <= ${MONITOR_CHECKS:-10}; i++)); do
  codigo="$(http_status "https://127.0.0.1:${HTTPS_PORT:-443}/health")"
  if [[ "$codigo" != 200 ]]; then
    log "Chequeo $i: HTTP $codigo; se vuelve a $actual"
    "$scripts/switchover.sh" "$actual"
    fallar "la versión nueva falló después del cambio; el tráfico volvió a $actual"
  fi
  sleep "${MONITOR_INTERVAL:-30}"
done
log "Actualización completada: $destino activo. Actualice $actual con la misma versión cuando esté estable."
