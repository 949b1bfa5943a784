#!/usr/bin/env bash
# Vuelta atrás (manual §9.4.2).
#   rollback.sh               blue-green: devuelve el tráfico al otro color (la versión anterior sigue corriendo).
#   rollback.sh <commit> [--si]  despliega una versión anterior del repositorio: en blue-green la construye en el color
#                             inactivo, exige su salud y cambia el tráfico con switchover.sh (sin corte); en el
#                             despliegue simple, deploy.sh (corte breve). El modo es DEPLOY_MODE o, si no está, el que
#                             corre: blue-green si hay un contenedor nginx-router del proyecto en marcha.
# Las migraciones no se revierten solas: si la versión nueva migró la base, restaure el respaldo previo con
# restore.sh (update_system.sh lo tomó en el paso 1) o aplique la migración inversa.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scripts="$(dirname "${BASH_SOURCE[0]}")"
commit="${1:-}"

if [[ -z "$commit" ]]; then
  actual="$(color_activo)"
  anterior="$(otro_color "$actual")"
  log "Rollback blue-green: $actual → $anterior"
  exec "$scripts/switchover.sh" "$anterior"
fi

requiere git docker
git -C "$PROYECTO_DIR" rev-parse --verify --quiet "$commit^{commit}" >/dev/null || fallar "no existe el commit $commit"
log "Últimos commits:"
git -C "$PROYECTO_DIR" log --oneline -5 >&2
if [[ "${2:-}" != --si ]]; then
  read -r -p "Esto despliega $commit con un corte breve. Escriba 'si' para continuar: " respuesta
  [[ "$respuesta" == si ]] || fallar "rollback cancelado"
fi
modo="${DEPLOY_MODE:-}"
if [[ -z "$modo" ]]; then
  if [[ -n "$(docker ps -q --filter "label=com.docker.compose.project=$(proyecto_compose)" \
    --filter label=com.docker.compose.service=nginx-router)" ]]; then
    modo=bluegreen
  else
    modo="${ENTORNO:-prod}"
  fi
fi
git -C "$PROYECTO_DIR" checkout --detach "$commit"
if [[ "$modo" == bluegreen ]]; then
  # La versión anterior va al color inactivo: el router nunca pierde su color y el cambio pasa por la puerta de salud.
  # Sin migraciones: la base ya tiene las de la versión nueva, compatibles hacia atrás (docs/operations.md §3).
  usar_entorno bluegreen
  actual="$(color_activo)"
  destino="$(otro_color "$actual")"
  log "Rollback blue-green a $commit en api-$destino (activo: $actual)"
  compose build --pull "api-$destino"
  compose up -d --no-deps "api-$destino"
  esperar_salud "http://127.0.0.1:$(puerto_color "$destino")/health" 60 5 ||
    fallar "api-$destino ($commit) no quedó saludable; el tráfico sigue en $actual"
  "$scripts/switchover.sh" "$destino"
else
  "$scripts/deploy.sh" "$modo"
fi
log "Rollback a $commit completado. Para volver a la rama: git -C $PROYECTO_DIR checkout main"
