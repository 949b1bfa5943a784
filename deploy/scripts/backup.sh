#!/usr/bin/env bash
# Respaldo completo (manual §9.3.1): base de datos, archivos subidos y configuración, con SHA256SUMS y retención.
# Se puede ejecutar con la API funcionando: la base se respalda en caliente (SQLite: API de backup; SQL Server:
# BACKUP DATABASE ... WITH CHECKSUM, COMPRESSION).
#
# Uso: deploy/scripts/backup.sh
# cron: 0 2 * * * /opt/tramites/deploy/scripts/backup.sh >> /var/log/tramites/backup.log 2>&1
#
# Variables:
#   BACKUP_ROOT              carpeta de respaldos (/backups/tramites); cada respaldo en BACKUP_ROOT/AAAAMMDD_HHMMSS
#   BACKUP_RETENTION_DAYS    días que se conservan (7)
#   OPS_MODE                 docker (SQL Server en compose, por defecto) | local (base embebida sin Docker)
#   ENTORNO                  overlay de compose en modo docker (prod)
#   DB_HOST, DB_BACKUP_DIR_SERVIDOR, DB_BACKUP_DIR_LOCAL   SQL Server externo: dónde escribe BACKUP y cómo llega aquí
#                            (lib.sh ruta_en_sqlserver)
#   DATABASE_URL, UPLOAD_DIR en modo local: base sqlite:... y carpeta de archivos subidos
# La última línea de la salida estándar es la carpeta del respaldo (restore.sh la acepta tal cual).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BACKUP_ROOT="${BACKUP_ROOT:-/backups/tramites}"
RETENCION="${BACKUP_RETENTION_DAYS:-7}"
CONFIG=(.env docker-compose.yml deploy/compose deploy/nginx deploy/monitoring)

requiere tar gzip sha256sum find
# Los respaldos llevan datos personales de los solicitantes: solo el dueño puede leerlos.
umask 077
sello="$(date +%Y%m%d_%H%M%S)"
destino="$BACKUP_ROOT/$sello"
[[ ! -e "$destino" ]] || fallar "ya existe $destino (¿dos respaldos en el mismo segundo?)"
mkdir -p "$destino"
log "Respaldo completo en $destino"

if [[ "${OPS_MODE:-docker}" == local ]]; then
  : "${UPLOAD_DIR:?defina UPLOAD_DIR (carpeta de archivos subidos) en modo local}"
  log "1/3 Base de datos embebida"
  ops_cli backup --out "$destino/db.sqlite"
  log "2/3 Archivos subidos ($UPLOAD_DIR)"
  tar -C "$UPLOAD_DIR" -czf "$destino/uploads.tar.gz" .
else
  usar_entorno "${ENTORNO:-prod}"
  # SQL Server escribe el respaldo en su propio disco (lib.sh ruta_en_sqlserver); luego se trae al host y se borra allá.
  en_servidor="$(ruta_en_sqlserver "tramites_$sello.bak")"
  log "1/3 Base de datos SQL Server${DB_HOST:+ ($DB_HOST)}"
  # Express no admite BACKUP ... WITH COMPRESSION (MSSQL_PID de .env, que lib.sh carga).
  compresion=()
  [[ "${MSSQL_PID:-Developer}" == Express ]] && compresion=(--sin-compresion)
  ops_cli backup --out "$en_servidor" "${compresion[@]}"
  if ! traer_respaldo_sqlserver "tramites_$sello.bak" "$destino/db.bak"; then
    log "ATENCIÓN: la base quedó respaldada en el servidor externo, en $en_servidor, no en $destino (sin DB_BACKUP_DIR_LOCAL). Cópiela fuera de ese servidor con su DBA; restore.sh la restaura desde allí"
  fi
  log "2/3 Archivos subidos (volumen uploads)"
  en_api tar -C /app/uploads -czf - . >"$destino/uploads.tar.gz"
fi

log "3/3 Configuración"
presentes=()
for ruta in "${CONFIG[@]}"; do
  [[ -e "$PROYECTO_DIR/$ruta" ]] && presentes+=("$ruta")
done
tar -C "$PROYECTO_DIR" -czf "$destino/config.tar.gz" "${presentes[@]}"

(cd "$destino" && sha256sum -- * >SHA256SUMS)
log "Sumas SHA-256 en $destino/SHA256SUMS"

# Retención: solo carpetas con forma de sello, para no borrar nada ajeno que alguien deje en BACKUP_ROOT.
find "$BACKUP_ROOT" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*_[0-9]*' -mtime +"$RETENCION" -print0 |
  while IFS= read -r -d '' viejo; do
    log "Retención ($RETENCION días): se elimina $viejo"
    rm -rf -- "$viejo"
  done

log "Respaldo completado ($(du -sh "$destino" | cut -f1))"
printf '%s\n' "$destino"
