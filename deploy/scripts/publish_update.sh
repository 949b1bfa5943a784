#!/usr/bin/env bash
# Publica una versión de la app de escritorio en el feed de electron-updater que sirve nginx en /updates/.
#   1. lee los latest*.yml o beta*.yml como YAML (feed_yml.mjs, con node y js-yaml del proyecto) y verifica que cada
#      archivo de files[] y el path/sha512 de arriba existan y coincidan en sha512 y tamaño, en cualquier orden de claves;
#   2. copia instaladores y blockmaps (cada uno con rename atómico);
#   3. fija stagingPercentage (despliegue gradual) y publica los yml del canal al final, también con rename atómico,
#      para que ningún escritorio vea un latest.yml que apunte a un archivo que aún no está.
#
# Uso: deploy/scripts/publish_update.sh <carpeta de artefactos> [--staging N]
#      deploy/scripts/publish_update.sh --staging N [--canal stable|beta]   (solo cambia el porcentaje de lo publicado)
# Canales: estable = latest*.yml; beta = beta*.yml (versiones 1.5.0-beta.N; los escritorios del canal beta leen ambos).
# Variables: UPDATES_DIR (deploy/updates/feed)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

UPDATES_DIR="${UPDATES_DIR:-$PROYECTO_DIR/deploy/updates/feed}"
artefactos=""
porcentaje=""
canal=""
while (($# > 0)); do
  case "$1" in
    --staging)
      porcentaje="${2:-}"
      shift 2 || fallar "--staging necesita un número de 1 a 100" 2
      ;;
    --canal)
      canal="${2:-}"
      shift 2 || fallar "--canal necesita stable o beta" 2
      ;;
    *)
      artefactos="$1"
      shift
      ;;
  esac
done
if [[ -n "$porcentaje" ]] && ! [[ "$porcentaje" =~ ^[0-9]+$ && "$porcentaje" -ge 1 && "$porcentaje" -le 100 ]]; then
  fallar "--staging debe ser un número de 1 a 100 (recibido: $porcentaje)" 2
fi
case "$canal" in
  "") prefijos=(latest beta) ;;
  stable) prefijos=(latest) ;;
  beta) prefijos=(beta) ;;
  *) fallar "--canal debe ser stable o beta (recibido: $canal)" 2 ;;
esac
[[ -n "$artefactos" || -n "$porcentaje" ]] || fallar "uso: publish_update.sh <carpeta de artefactos> [--staging N]" 2
requiere node
FEED_YML="$(dirname "${BASH_SOURCE[0]}")/feed_yml.mjs"
mkdir -p "$UPDATES_DIR"

# Copia del yml con stagingPercentage fijado (o sin cambios si no se pidió porcentaje).
con_porcentaje() {
  node "$FEED_YML" porcentaje "$1" "$2" "$porcentaje" || fallar "no se pudo escribir $(basename "$1")"
}

publicar_yml() {
  local origen="$1" nombre
  nombre="$(basename "$origen")"
  con_porcentaje "$origen" "$UPDATES_DIR/.$nombre.tmp"
  mv -f "$UPDATES_DIR/.$nombre.tmp" "$UPDATES_DIR/$nombre"
  log "Publicado $nombre${porcentaje:+ (stagingPercentage: $porcentaje)}"
}

if [[ -z "$artefactos" ]]; then
  shopt -s nullglob
  publicados=()
  for prefijo in "${prefijos[@]}"; do publicados+=("$UPDATES_DIR/$prefijo"*.yml); done
  ((${#publicados[@]} > 0)) || fallar "no hay ${prefijos[*]}*.yml publicados en $UPDATES_DIR"
  for yml in "${publicados[@]}"; do publicar_yml "$yml"; done
  exit 0
fi

[[ -d "$artefactos" ]] || fallar "no existe la carpeta $artefactos"
shopt -s nullglob
ymls=()
for prefijo in "${prefijos[@]}"; do ymls+=("$artefactos/$prefijo"*.yml); done
((${#ymls[@]} > 0)) || fallar "no hay latest*.yml ni beta*.yml en $artefactos (¿electron-builder con publish provider generic?)"

# 1. Cada archivo de files[] y el path/sha512 de arriba deben existir y coincidir en sha512 (base64, como lo escribe
#    electron-builder) y tamaño. Si uno falla no se publica nada.
for yml in "${ymls[@]}"; do
  if ! error="$(node "$FEED_YML" verificar "$yml" "$artefactos" 2>&1)"; then
    fallar "$error"
  fi
done
log "Artefactos verificados (sha512 y tamaño)"

# 2. Binarios primero.
for archivo in "$artefactos"/*; do
  nombre="$(basename "$archivo")"
  [[ -f "$archivo" && "$nombre" != *.yml && "$nombre" != *.yaml ]] || continue
  cp -f "$archivo" "$UPDATES_DIR/.$nombre.tmp"
  mv -f "$UPDATES_DIR/.$nombre.tmp" "$UPDATES_DIR/$nombre"
done

# 3. Los yml al final.
for yml in "${ymls[@]}"; do publicar_yml "$yml"; done
log "Versión publicada en $UPDATES_DIR"
