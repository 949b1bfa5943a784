#!/usr/bin/env bash
# Vuelta atrás (manual §9.4.2).
#   rollback.sh               blue-green: devuelve el tráfico al otro color (la versión anterior sigue corriendo).
#   rollback.sh <commit> [--si]  reconstruye y despliega una versión anterior del repositorio (con corte breve).
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
git -C "$PROYECTO_DIR" checkout --detach "$commit"
"$scripts/deploy.sh" "${ENTORNO:-prod}"
log "Rollback a $commit completado. Para volver a la rama: git -C $PROYECTO_DIR checkout main"
