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

# verificar_despliegue: lo que compose no puede comprobar y rompería el despliegue más tarde, dicho antes de empezar.
verificar_despliegue() {
  # DATABASE_URL manda sobre DB_USER para la API: un sa copiado del manual la haría correr como administrador.
  if [[ "${DATABASE_URL:-}" =~ ^mssql://sa[:@] || "${DATABASE_URL:-}" =~ (^|;)[[:space:]]*(User[[:space:]]*Id|UID|User)[[:space:]]*=[[:space:]]*sa[[:space:]]*(;|$) ]]; then
    fallar "DATABASE_URL en .env usa el login sa: la API nunca debe correr como administrador. Quite DATABASE_URL (se usan DB_HOST/DB_USER=tramites_api) o ponga el login de la API" 2
  fi
  if ! sql_externo && [[ -z "${DB_ADMIN_PASSWORD:-}" ]]; then
    fallar "falta DB_ADMIN_PASSWORD en .env: es la contraseña de sa del SQL Server local (servicio db). Con un SQL Server externo defina DB_HOST" 2
  fi
  # Let's Encrypt live/ son enlaces a ../../archive/, que no existen dentro del contenedor de nginx.
  local certs
  certs="$(ruta_del_proyecto "${TLS_CERT_DIR:-./deploy/nginx/certs}")"
  if [[ -d "$certs" && -n "$(find "$certs" -maxdepth 1 -type l -name '*.pem' -print -quit)" ]]; then
    fallar "TLS_CERT_DIR=$certs tiene enlaces simbólicos (¿la carpeta live/ de Let's Encrypt?): nginx no los puede seguir dentro del contenedor. Use ./deploy/nginx/certs con deploy/scripts/certificados.sh, que copia los archivos" 2
  fi
}

# Puerto del host (127.0.0.1) donde responde cada color de blue-green.
puerto_color() {
  if [[ "$1" == green ]]; then echo "${GREEN_PORT:-8002}"; else echo "${BLUE_PORT:-8001}"; fi
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

# Respaldos .bak de SQL Server. BACKUP y RESTORE leen y escriben en el disco del servidor de base de datos:
#   servicio db local: su volumen db-backups (/var/opt/mssql/backup), al que se llega con docker cp;
#   SQL Server externo: DB_BACKUP_DIR_SERVIDOR (la carpeta tal como la ve SQL Server, p. ej. D:\Respaldos o una
#     ruta UNC) y, si esa carpeta está compartida con este host, DB_BACKUP_DIR_LOCAL (la misma vista desde aquí).

# ruta_en_sqlserver NOMBRE: la ruta de NOMBRE en la carpeta de respaldos, escrita como la entiende SQL Server.
ruta_en_sqlserver() {
  local dir="/var/opt/mssql/backup"
  if sql_externo; then
    dir="${DB_BACKUP_DIR_SERVIDOR:?SQL Server externo: defina DB_BACKUP_DIR_SERVIDOR en .env (carpeta del servidor de base de datos donde BACKUP DATABASE escribe; docs/operations.md §5)}"
  fi
  if [[ "$dir" == *\\* ]]; then printf '%s\\%s\n' "${dir%\\}" "$1"; else printf '%s/%s\n' "${dir%/}" "$1"; fi
}

# traer_respaldo_sqlserver NOMBRE DESTINO: trae el .bak recién escrito al respaldo del host y lo borra del servidor.
# Con un SQL Server externo sin carpeta compartida lo deja allí y anota dónde en DESTINO.ubicacion (sale 3).
traer_respaldo_sqlserver() {
  local nombre="$1" destino="$2" db_id
  if ! sql_externo; then
    db_id="$(contenedor_de db)"
    docker cp "$db_id:$(ruta_en_sqlserver "$nombre")" "$destino"
    docker exec "$db_id" rm -f "$(ruta_en_sqlserver "$nombre")"
  elif [[ -n "${DB_BACKUP_DIR_LOCAL:-}" ]]; then
    [[ -f "$DB_BACKUP_DIR_LOCAL/$nombre" ]] ||
      fallar "SQL Server escribió $(ruta_en_sqlserver "$nombre") pero no aparece en DB_BACKUP_DIR_LOCAL=$DB_BACKUP_DIR_LOCAL: ¿es la misma carpeta compartida?"
    cp -- "$DB_BACKUP_DIR_LOCAL/$nombre" "$destino"
    rm -f -- "$DB_BACKUP_DIR_LOCAL/$nombre"
  else
    ruta_en_sqlserver "$nombre" >"$destino.ubicacion"
    return 3
  fi
}

# llevar_respaldo_sqlserver CARPETA NOMBRE: deja el db.bak del respaldo CARPETA donde SQL Server lo lee e imprime esa
# ruta. Un respaldo que quedó en el servidor externo (db.bak.ubicacion) se restaura desde allí sin copiar nada.
llevar_respaldo_sqlserver() {
  local origen="$1" nombre="$2" db_id
  if [[ ! -f "$origen/db.bak" && -f "$origen/db.bak.ubicacion" ]]; then
    cat "$origen/db.bak.ubicacion"
    return
  fi
  if ! sql_externo; then
    db_id="$(contenedor_de db)"
    docker cp "$origen/db.bak" "$db_id:$(ruta_en_sqlserver "$nombre")"
  elif [[ -n "${DB_BACKUP_DIR_LOCAL:-}" ]]; then
    cp -- "$origen/db.bak" "$DB_BACKUP_DIR_LOCAL/$nombre"
  else
    fallar "SQL Server externo: para restaurar $origen/db.bak defina DB_BACKUP_DIR_LOCAL (la carpeta de respaldos del servidor compartida con este host) o cópielo usted a $(ruta_en_sqlserver "$nombre")"
  fi
  ruta_en_sqlserver "$nombre"
}

# borrar_respaldo_sqlserver NOMBRE: borra la copia que llevar_respaldo_sqlserver dejó en el servidor.
borrar_respaldo_sqlserver() {
  if ! sql_externo; then
    docker exec "$(contenedor_de db)" rm -f "$(ruta_en_sqlserver "$1")"
  elif [[ -n "${DB_BACKUP_DIR_LOCAL:-}" ]]; then
    rm -f -- "${DB_BACKUP_DIR_LOCAL:?}/$1"
  fi
}

# en_api COMANDO...: un comando dentro de un contenedor de un solo uso de la API (tar/find sobre el volumen uploads).
en_api() {
  compose run --rm --no-deps -T --entrypoint "$1" "${API_SERVICE:-api}" "${@:2}"
}
