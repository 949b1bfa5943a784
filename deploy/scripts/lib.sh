#!/usr/bin/env bash
# Funciones comunes de los scripts de operación. Cada script la carga con:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Los mensajes van en español a stderr, con fecha, para que cron los deje en el log tal cual.

PROYECTO_DIR="${PROYECTO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export PROYECTO_DIR

# cargar_env: las variables de .env (BACKUP_ROOT, puertos, retenciones...) llegan a los scripts como a compose; lo que
# ya viene en el entorno manda. Valor literal como lo lee compose (sin expansión), sin comillas envolventes.
cargar_env() {
  local archivo="${ENV_FILE:-$PROYECTO_DIR/.env}" linea clave valor
  [[ -f "$archivo" ]] || return 0
  while IFS= read -r linea || [[ -n "$linea" ]]; do
    [[ "$linea" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    clave="${BASH_REMATCH[1]}"
    valor="${BASH_REMATCH[2]}"
    [[ -n "${!clave+x}" ]] && continue
    if [[ "$valor" =~ ^\"(.*)\"$ || "$valor" =~ ^\'(.*)\'$ ]]; then
      valor="${BASH_REMATCH[1]}"
    fi
    export "$clave=$valor"
  done <"$archivo"
}
cargar_env

log() {
  printf '[%s] %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*" >&2
}

# fallar MENSAJE [CÓDIGO]: termina el script con un mensaje claro y un código distinto de cero.
fallar() {
  printf '[%s] ERROR: %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$1" >&2
  exit "${2:-1}"
}

requiere() {
  local comando
  for comando in "$@"; do
    command -v "$comando" >/dev/null 2>&1 || fallar "falta el comando '$comando' en este servidor"
  done
}

# Una ruta de .env relativa a la raíz del proyecto (./deploy/nginx/certs) como ruta absoluta.
ruta_del_proyecto() {
  if [[ "$1" == /* ]]; then printf '%s\n' "$1"; else printf '%s\n' "$PROYECTO_DIR/${1#./}"; fi
}

# SQL Server externo: DB_HOST nombra otro servidor que el servicio "db" de compose, que entonces no arranca.
sql_externo() {
  [[ -n "${DB_HOST:-}" && "$DB_HOST" != db ]]
}

# Perfiles de compose: "db-local" (el servicio db) salvo con un SQL Server externo, "bluegreen" en blue-green, y los
# que .env o el entorno ya pidan en COMPOSE_PROFILES. Deja el resultado exportado en COMPOSE_PROFILES.
elegir_perfiles() {
  local entorno="$1" perfil pedidos lista=()
  local -A vistos=()
  IFS=, read -r -a pedidos <<<"${COMPOSE_PROFILES:-}"
  sql_externo || pedidos+=(db-local)
  [[ "$entorno" == bluegreen ]] && pedidos+=(bluegreen)
  for perfil in "${pedidos[@]}"; do
    [[ -n "$perfil" && -z "${vistos[$perfil]:-}" ]] || continue
    if [[ "$perfil" == db-local ]] && sql_externo; then
      log "SQL Server externo ($DB_HOST): el perfil db-local de COMPOSE_PROFILES se ignora (no se arranca el servicio db)"
      continue
    fi
    vistos[$perfil]=1
    lista+=("$perfil")
  done
  COMPOSE_PROFILES="$(
    IFS=,
    printf '%s' "${lista[*]}"
  )"
  export COMPOSE_PROFILES
}

# Archivos compose de cada modo de despliegue (siempre relativos a la raíz del proyecto).
# Deja el resultado en el arreglo global COMPOSE_ARGS y los perfiles en COMPOSE_PROFILES.
usar_entorno() {
  local entorno="$1"
  COMPOSE_ARGS=(-f "$PROYECTO_DIR/docker-compose.yml")
  case "$entorno" in
    dev | test | prod | swarm)
      COMPOSE_ARGS+=(-f "$PROYECTO_DIR/deploy/compose/docker-compose.$entorno.yml")
      # Desarrollo y pruebas nunca se publican fuera del equipo.
      [[ "$entorno" == dev || "$entorno" == test ]] && export NGINX_BIND="${NGINX_BIND:-127.0.0.1}"
      ;;
    bluegreen)
      COMPOSE_ARGS+=(-f "$PROYECTO_DIR/deploy/compose/docker-compose.prod.yml"
        -f "$PROYECTO_DIR/deploy/compose/docker-compose.bluegreen.yml")
      ;;
    *) fallar "entorno desconocido '$entorno' (use dev, test, prod, bluegreen o swarm)" 2 ;;
  esac
  elegir_perfiles "$entorno"
  if [[ "${MONITOREO:-false}" == true ]]; then
    COMPOSE_ARGS+=(-f "$PROYECTO_DIR/deploy/compose/docker-compose.monitoring.yml")
  fi
}

# compose ARGS...: Compose v2 ("docker compose") si está, si no docker-compose v1.
compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose --project-directory "$PROYECTO_DIR" "${COMPOSE_ARGS[@]}" "$@"
  else
    docker-compose --project-directory "$PROYECTO_DIR" "${COMPOSE_ARGS[@]}" "$@"
  fi
}

# Servicios de la API que existen en este despliegue: "api", o "api-blue"/"api-green" en blue-green.
servicios_api() {
  compose ps --services 2>/dev/null | grep -xE 'api(-blue|-green)?' || true
}

# Id del contenedor de un servicio (docker cp funciona igual con Compose v1 y v2).
contenedor_de() {
  local id
  id="$(compose ps -q "$1" | head -n 1)"
  [[ -n "$id" ]] || fallar "el servicio '$1' no está corriendo"
  printf '%s\n' "$id"
}

# Nombre del proyecto compose (prefijo de contenedores y etiqueta com.docker.compose.project).
proyecto_compose() {
  local nombre="${COMPOSE_PROJECT_NAME:-$(basename "$PROYECTO_DIR")}"
  printf '%s\n' "${nombre,,}"
}

# Ids de los contenedores nginx en marcha de este proyecto: "nginx" (despliegue simple, réplicas) o "nginx-router"
# (blue-green). Por etiqueta y no por servicio de compose: no depende de qué overlays o perfiles cargó quien lo llama.
contenedores_nginx() {
  local servicio
  for servicio in nginx nginx-router; do
    docker ps -q --filter "label=com.docker.compose.project=$(proyecto_compose)" \
      --filter "label=com.docker.compose.service=$servicio"
  done
}

# Código HTTP de una URL ("000" si no hay conexión). -k: se verifica el enrutamiento en loopback, no el certificado.
http_status() {
  curl -ks -o /dev/null -w '%{http_code}' --max-time "${HTTP_TIMEOUT:-5}" "$1" || true
}

# esperar_salud URL INTENTOS PAUSA: espera a que la URL responda 200.
esperar_salud() {
  local url="$1" intentos="$2" pausa="$3" i
  for ((i = 1; i <= intentos; i++)); do
    [[ "$(http_status "$url")" == 200 ]] && return 0
    sleep "$pausa"
  done
  return 1
}

# Color activo del router blue-green según deploy/nginx/active/color.conf (azul si nunca se cambió).
color_activo() {
  local archivo="${ACTIVE_DIR:-$PROYECTO_DIR/deploy/nginx/active}/color.conf"
  if [[ -f "$archivo" ]]; then
    # shellcheck disable=SC2016 # $api_color es la variable de nginx, no de bash.
    sed -n 's/^[[:space:]]*set \$api_color \([a-z]*\);.*/\1/p' "$archivo" | head -n 1
  else
    echo blue
  fi
}

otro_color() {
  if [[ "$1" == blue ]]; then echo green; else echo blue; fi
}

# Ejecuta la CLI de operaciones de base de datos (server/src/ops/cli.ts).
#   OPS_MODE=docker (por defecto): en un contenedor de un solo uso de la imagen de la API (mismas variables y volúmenes;
#     funciona también con la API detenida, como exige restore.sh).
#   OPS_MODE=local: en este host con tsx, para la base embebida (DATABASE_URL=sqlite:...) sin Docker.
ops_cli() {
  if [[ "${OPS_MODE:-docker}" == local ]]; then
    (cd "$PROYECTO_DIR" && node_modules/.bin/tsx server/src/ops/cli.ts "$@")
  else
    # El servicio migrate tiene el login de administrador (respaldo, restauración, CHECKDB, índices) y la misma imagen.
    compose run --rm --no-deps -T "${OPS_SERVICE:-migrate}" node dist/server/src/ops/cli.js "$@"
  fi
}

# en_api COMANDO...: un comando dentro de un contenedor de un solo uso de la API (tar/find sobre el volumen uploads).
en_api() {
  compose run --rm --no-deps -T --entrypoint "$1" "${API_SERVICE:-api}" "${@:2}"
}
