#!/usr/bin/env bash
# Despliegue con Docker Compose (manual §5.4.3) de lo que hay en esta copia del repositorio.
# Para traer una versión nueva use update_system.sh (respaldo + git pull + blue-green).
#
# Uso: deploy/scripts/deploy.sh [dev|test|prod|bluegreen|swarm]   (prod por defecto)
#   MONITOREO=true agrega el overlay de monitoreo.
# Pasos: valida .env y la configuración compose, construye la imagen, levanta los servicios (migrate corre antes que
# la API por depends_on), espera la salud a través de nginx y limpia imágenes sin uso.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

entorno="${1:-prod}"
requiere docker curl
usar_entorno "$entorno"

[[ -f "$PROYECTO_DIR/.env" ]] || fallar "falta $PROYECTO_DIR/.env: cp .env.example .env y complete los valores"
if [[ "$entorno" != dev ]] && grep -qE '^[A-Z_]+=CAMBIAR' "$PROYECTO_DIR/.env"; then
  fallar "quedan valores CAMBIAR en .env ($(grep -oE '^[A-Z_]+=CAMBIAR' "$PROYECTO_DIR/.env" | cut -d= -f1 | paste -sd, -))"
fi
verificar_despliegue

log "1/5 Validando la configuración compose ($entorno)"
compose config -q

log "2/5 Construyendo imágenes"
compose build --pull

log "3/5 Levantando servicios"
compose up -d --remove-orphans

log "4/5 Esperando la salud de la API"
# A través de nginx en todos los modos: publica HTTPS_PORT (en dev y test, solo en 127.0.0.1 por NGINX_BIND).
url="https://127.0.0.1:${HTTPS_PORT:-443}/health"
if ! esperar_salud "$url" 60 5; then
  compose ps
  fallar "la API no respondió en $url; revise: docker compose logs migrate api nginx"
fi
log "API saludable en $url"

log "5/5 Limpiando imágenes sin uso"
docker image prune -f >/dev/null
log "Despliegue $entorno completado"
