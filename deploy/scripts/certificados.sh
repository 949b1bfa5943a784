#!/usr/bin/env bash
# Certificado TLS de Let's Encrypt con certbot --webroot (manual §6.2): nginx sirve ACME_WEBROOT en
# http://TLS_DOMAIN/.well-known/acme-challenge/ y certbot escribe ahí los desafíos; nginx nunca se detiene.
#
# Uso: deploy/scripts/certificados.sh emitir     primera vez (TLS_DOMAIN, TLS_EMAIL)
#      deploy/scripts/certificados.sh renovar    cron diario: 0 4 * * * .../certificados.sh renovar >> .../certs.log 2>&1
#      deploy/scripts/certificados.sh probar     renovación de prueba contra el entorno staging (--dry-run)
# Variables (.env): TLS_DOMAIN, TLS_EMAIL, ACME_WEBROOT (./deploy/nginx/acme), TLS_CERT_DIR (donde nginx lee
#   fullchain.pem y privkey.pem), CERTBOT (certbot), LETSENCRYPT_DIR (/etc/letsencrypt), ENTORNO (prod)
# Tras emitir o renovar copia los archivos a TLS_CERT_DIR y recarga nginx (nginx -t primero).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

accion="${1:-}"
certbot="${CERTBOT:-certbot}"
dominio="${TLS_DOMAIN:-}"
webroot="${ACME_WEBROOT:-./deploy/nginx/acme}"
[[ "$webroot" == /* ]] || webroot="$PROYECTO_DIR/${webroot#./}"
certs="${TLS_CERT_DIR:-./deploy/nginx/certs}"
[[ "$certs" == /* ]] || certs="$PROYECTO_DIR/${certs#./}"
vivos="${LETSENCRYPT_DIR:-/etc/letsencrypt}/live/$dominio"

[[ "$accion" =~ ^(emitir|renovar|probar)$ ]] || fallar "uso: certificados.sh <emitir|renovar|probar>" 2
[[ -n "$dominio" ]] || fallar "falta TLS_DOMAIN en .env (el nombre público del servidor)" 2
requiere "$certbot"
mkdir -p "$webroot"

# Copia el certificado vigente a donde nginx lo lee y recarga nginx solo si la configuración es válida.
instalar() {
  [[ -f "$vivos/fullchain.pem" && -f "$vivos/privkey.pem" ]] || fallar "certbot no dejó el certificado en $vivos"
  install -m 644 "$vivos/fullchain.pem" "$certs/fullchain.pem"
  install -m 640 "$vivos/privkey.pem" "$certs/privkey.pem"
  log "Certificado de $dominio instalado en $certs"
  if [[ "${RECARGAR_NGINX:-true}" == true ]]; then
    usar_entorno "${ENTORNO:-prod}"
    compose exec -T nginx nginx -t && compose exec -T nginx nginx -s reload
    log "nginx recargado"
  fi
}

case "$accion" in
  emitir)
    [[ -n "${TLS_EMAIL:-}" ]] || fallar "falta TLS_EMAIL en .env (avisos de vencimiento de Let's Encrypt)" 2
    "$certbot" certonly --webroot -w "$webroot" -d "$dominio" --email "$TLS_EMAIL" --agree-tos --non-interactive \
      --keep-until-expiring
    instalar
    ;;
  renovar)
    # certbot renueva solo si faltan menos de 30 días; sin cambios no se toca nginx.
    antes="$(stat -c %Y "$vivos/fullchain.pem" 2>/dev/null || echo 0)"
    "$certbot" renew --webroot -w "$webroot" --non-interactive
    despues="$(stat -c %Y "$vivos/fullchain.pem" 2>/dev/null || echo 0)"
    if [[ "$despues" != "$antes" ]]; then instalar; else log "Sin renovación pendiente para $dominio"; fi
    ;;
  probar)
    "$certbot" renew --webroot -w "$webroot" --dry-run --non-interactive
    log "Renovación de prueba correcta"
    ;;
esac
