#!/usr/bin/env bash
# Restauración desde un respaldo de backup.sh (manual §9.3.2): verifica las sumas SHA-256, detiene la API, restaura
# la base de datos y los archivos subidos (y la configuración con --con-config) y vuelve a arrancar la API.
# La restauración de la base (ops restore) inicia una época de sincronización nueva y avanza cada contador de números
# de expediente: los escritorios se reinician, reenvían lo que ya habían sincronizado y ningún número impreso en un
# recibo se vuelve a dar (docs/operations.md "Restaurar").
#
# Uso: deploy/scripts/restore.sh <carpeta|AAAAMMDD_HHMMSS> [--si] [--con-config]
#   --si           no pide confirmación (cron, pruebas)
#   --con-config   también reemplaza .env, compose y deploy/ (se guarda la actual en config.antes-restore.tar.gz)
# Variables: las de backup.sh (BACKUP_ROOT, OPS_MODE, ENTORNO, DATABASE_URL, UPLOAD_DIR) y
#   API_SERVICES   servicios de la API que se detienen y arrancan en modo docker ("api"; blue-green: "api-blue api-green")
#   HEALTH_URL     salud tras arrancar (https://127.0.0.1:${HTTPS_PORT:-443}/health)
#   MARGEN_NUMEROS cuánto avanza cada contador de números (por defecto el de ops restore: 10000)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BACKUP_ROOT="${BACKUP_ROOT:-/backups/tramites}"
origen="${1:-}"
[[ -n "$origen" ]] || fallar "uso: restore.sh <carpeta|AAAAMMDD_HHMMSS> [--si] [--con-config]" 2
shift
confirmado=false
con_config=false
for opcion in "$@"; do
  case "$opcion" in
    --si) confirmado=true ;;
    --con-config) con_config=true ;;
    *) fallar "opción desconocida: $opcion" 2 ;;
  esac
done
[[ -d "$origen" ]] || origen="$BACKUP_ROOT/$origen"
[[ -d "$origen" ]] || fallar "no existe el respaldo $origen"
origen="$(cd "$origen" && pwd)"

requiere tar gzip sha256sum
log "Verificando sumas SHA-256 de $origen"
(cd "$origen" && sha256sum --quiet -c SHA256SUMS) || fallar "el respaldo $origen está incompleto o alterado; no se restaura nada"

if [[ "$confirmado" != true ]]; then
  read -r -p "Esto reemplaza la base de datos y los archivos actuales con $origen. Escriba 'si' para continuar: " respuesta
  [[ "$respuesta" == si ]] || fallar "restauración cancelada" 1
fi

if [[ "${OPS_MODE:-docker}" == local ]]; then
  : "${UPLOAD_DIR:?defina UPLOAD_DIR (carpeta de archivos subidos) en modo local}"
  log "Modo local: asegúrese de que la API esté detenida"
  log "1/2 Base de datos embebida"
  ops_cli restore --from "$origen/db.sqlite" --confirmar ${MARGEN_NUMEROS:+--margen "$MARGEN_NUMEROS"}
  log "2/2 Archivos subidos ($UPLOAD_DIR)"
  # Se extrae aparte y se intercambia: si tar falla a mitad, la carpeta actual queda intacta.
  nueva="$UPLOAD_DIR.restaurando"
  anterior="$UPLOAD_DIR.antes-restore-$(date +%Y%m%d_%H%M%S)"
  rm -rf -- "$nueva"
  mkdir -p "$nueva"
  tar -C "$nueva" -xzf "$origen/uploads.tar.gz"
  [[ -d "$UPLOAD_DIR" ]] && mv -- "$UPLOAD_DIR" "$anterior" && log "La carpeta anterior quedó en $anterior"
  mv -- "$nueva" "$UPLOAD_DIR"
else
  usar_entorno "${ENTORNO:-prod}"
  read -r -a servicios <<<"${API_SERVICES:-api}"
  log "Deteniendo ${servicios[*]}"
  compose stop "${servicios[@]}"
  log "1/2 Base de datos SQL Server"
  # Al disco del servidor de base de datos: el servicio db local o un SQL Server externo (lib.sh).
  en_servidor="$(llevar_respaldo_sqlserver "$origen" "restore_$(basename "$origen").bak")"
  ops_cli restore --from "$en_servidor" --confirmar ${MARGEN_NUMEROS:+--margen "$MARGEN_NUMEROS"}
  borrar_respaldo_sqlserver "restore_$(basename "$origen").bak"
  log "2/2 Archivos subidos (volumen uploads)"
  API_SERVICE="${servicios[0]}" en_api sh -c 'find /app/uploads -mindepth 1 -delete && tar -C /app/uploads -xzf -' \
    <"$origen/uploads.tar.gz"
fi

if [[ "$con_config" == true ]]; then
  log "Configuración: la actual se guarda en $origen/config.antes-restore.tar.gz"
  tar -C "$PROYECTO_DIR" -czf "$origen/config.antes-restore.tar.gz" --ignore-failed-read \
    .env docker-compose.yml deploy/compose deploy/nginx deploy/monitoring 2>/dev/null || true
  tar -C "$PROYECTO_DIR" -xzf "$origen/config.tar.gz"
fi

if [[ "${OPS_MODE:-docker}" != local ]]; then
  log "Arrancando ${servicios[*]}"
  compose up -d "${servicios[@]}"
  url="${HEALTH_URL:-https://127.0.0.1:${HTTPS_PORT:-443}/health}"
  esperar_salud "$url" 30 2 || fallar "la API no respondió en $url después de restaurar; revise: docker compose logs api"
fi
log "Restauración completada desde $origen"
log "Nueva época de sincronización: cada escritorio se reinicia al conectarse y reenvía lo que había sincronizado"
