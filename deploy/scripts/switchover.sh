#!/usr/bin/env bash
# Cambio blue-green sin cortar tráfico (manual §5.5.4):
#   1. verifica la salud del color destino (varias veces seguidas) y si no está sano NO cambia nada;
#   2. reemplaza deploy/nginx/active/color.conf con un rename atómico (nginx nunca lee un archivo a medias);
#   3. valida la configuración (nginx -t) y recarga nginx (-s reload: las conexiones en curso terminan en los
#      procesos viejos);
#   4. verifica a través del router que responde el color nuevo; si no, vuelve al anterior (rollback) y falla.
#
# Uso: deploy/scripts/switchover.sh <blue|green>
# Salidas: 0 cambiado (o ya estaba activo), 2 uso incorrecto, 3 destino no saludable (sin cambios),
#          4 falló la recarga o la verificación (se restauró el color anterior).
#
# Variables (con valores por defecto para el overlay blue-green de Docker):
#   BLUE_URL / GREEN_URL   URL directa de cada color (http://127.0.0.1:8001 / :8002)
#   ROUTER_URL             URL del router (https://127.0.0.1:${HTTPS_PORT:-443})
#   ACTIVE_DIR             carpeta incluida por router.conf (deploy/nginx/active)
#   NGINX_BIN, NGINX_PREFIX, NGINX_CONF   nginx local en vez de "compose exec nginx-router" (pruebas en loopback)
#   HEALTH_CHECKS, HEALTH_INTERVAL        chequeos seguidos exigidos al destino (3) y pausa en segundos (1)
#   VERIFY_CHECKS, VERIFY_TIMEOUT         chequeos del router tras el cambio (5) y segundos máximos hasta ver el color (10)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

destino="${1:-}"
[[ "$destino" == blue || "$destino" == green ]] || fallar "uso: switchover.sh <blue|green>" 2

ACTIVE_DIR="${ACTIVE_DIR:-$PROYECTO_DIR/deploy/nginx/active}"
BLUE_URL="${BLUE_URL:-http://127.0.0.1:${BLUE_PORT:-8001}}"
GREEN_URL="${GREEN_URL:-http://127.0.0.1:${GREEN_PORT:-8002}}"
ROUTER_URL="${ROUTER_URL:-https://127.0.0.1:${HTTPS_PORT:-443}}"
HEALTH_CHECKS="${HEALTH_CHECKS:-3}"
HEALTH_INTERVAL="${HEALTH_INTERVAL:-1}"
VERIFY_CHECKS="${VERIFY_CHECKS:-5}"
VERIFY_TIMEOUT="${VERIFY_TIMEOUT:-10}"
activo="$ACTIVE_DIR/color.conf"
respaldo="$ACTIVE_DIR/color.conf.bak"

requiere curl flock

# Un solo cambio a la vez: dos switchover simultáneos podrían dejar el respaldo y el activo cruzados.
mkdir -p "$ACTIVE_DIR"
exec 9>"$ACTIVE_DIR/.switchover.lock"
flock -n 9 || fallar "ya hay otro switchover en curso" 4

nginx_router() {
  if [[ -n "${NGINX_BIN:-}" ]]; then
    "$NGINX_BIN" -e stderr -p "${NGINX_PREFIX:?NGINX_PREFIX es obligatorio con NGINX_BIN}" \
      -c "${NGINX_CONF:?NGINX_CONF es obligatorio con NGINX_BIN}" "$@"
  else
    usar_entorno bluegreen
    compose exec -T nginx-router nginx "$@"
  fi
}

# Escribe el color con un rename atómico en la misma carpeta.
escribir_color() {
  local tmp="$ACTIVE_DIR/.color.conf.tmp"
  # shellcheck disable=SC2016 # $api_color es la variable de nginx, no de bash.
  printf '# Escrito por deploy/scripts/switchover.sh el %s\nset $api_color %s;\n' "$(date -Is)" "$1" >"$tmp"
  mv -f "$tmp" "$activo"
}

restaurar_y_recargar() {
  log "Rollback: se restaura el color $actual"
  if [[ -f "$respaldo" ]]; then
    mv -f "$respaldo" "$activo"
  else
    escribir_color "$actual"
  fi
  nginx_router -s reload || log "ATENCIÓN: nginx no recargó durante el rollback; revise el router a mano"
}

# Color que responde el router (cabecera X-Tramites-Color) o "caido".
color_servido() {
  local cabeceras
  cabeceras="$(curl -ks -D - -o /dev/null --max-time "${HTTP_TIMEOUT:-5}" "$ROUTER_URL/health" || true)"
  if [[ "$cabeceras" =~ HTTP/[0-9.]+\ 200 ]]; then
    printf '%s\n' "$cabeceras" | tr -d '\r' | sed -n 's/^[Xx]-[Tt]ramites-[Cc]olor: *//p' | head -n 1
  else
    echo caido
  fi
}

actual="$(color_activo)"
if [[ "$destino" == "$actual" ]]; then
  log "El color $destino ya está activo; no hay nada que cambiar"
  exit 0
fi
log "Switchover de $actual a $destino"

# 1. Puerta de salud: /health/detailed responde 503 si la base de datos no está disponible.
url_destino="$BLUE_URL"
[[ "$destino" == green ]] && url_destino="$GREEN_URL"
for ((i = 1; i <= HEALTH_CHECKS; i++)); do
  codigo="$(http_status "$url_destino/health/detailed")"
  if [[ "$codigo" != 200 ]]; then
    fallar "$destino no está saludable ($url_destino/health/detailed respondió HTTP $codigo); se rechaza el cambio y el tráfico sigue en $actual" 3
  fi
  ((i < HEALTH_CHECKS)) && sleep "$HEALTH_INTERVAL"
done
log "$destino está saludable ($HEALTH_CHECKS chequeos seguidos)"

# 2-3. Cambio atómico del include, validación y recarga.
if [[ -f "$activo" ]]; then
  cp -f "$activo" "$respaldo"
else
  rm -f "$respaldo"
fi
escribir_color "$destino"
if ! nginx_router -t 2>/dev/null || ! nginx_router -s reload; then
  restaurar_y_recargar
  fallar "nginx rechazó la configuración o no recargó" 4
fi
log "nginx recargado"

# 4. Verificación a través del router: primero esperar a que los procesos nuevos de nginx atiendan, luego exigir
#    VERIFY_CHECKS respuestas seguidas del color nuevo.
limite=$((SECONDS + VERIFY_TIMEOUT))
until [[ "$(color_servido)" == "$destino" ]]; do
  if ((SECONDS >= limite)); then
    restaurar_y_recargar
    fallar "el router no sirve $destino después de ${VERIFY_TIMEOUT}s" 4
  fi
  sleep 0.2
done
for ((i = 1; i <= VERIFY_CHECKS; i++)); do
  servido="$(color_servido)"
  if [[ "$servido" != "$destino" ]]; then
    restaurar_y_recargar
    fallar "verificación $i/$VERIFY_CHECKS: el router respondió '$servido' en vez de $destino" 4
  fi
  sleep 0.2
done
rm -f "$respaldo"
log "Switchover completado: $actual → $destino. Monitoree los logs de api-$destino; para volver: switchover.sh $actual"
