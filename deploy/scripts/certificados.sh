#!/usr/bin/env bash
# Certificado TLS de Let's Encrypt con certbot --webroot (manual §6.2): nginx sirve ACME_WEBROOT en
# http://TLS_DOMAIN/.well-known/acme-challenge/ y certbot escribe ahí los desafíos; nginx nunca se detiene.
#
# Uso: deploy/scripts/certificados.sh emitir     primera vez (TLS_DOMAIN, TLS_EMAIL)
#      deploy/scripts/certificados.sh renovar    cron diario: 0 4 * * * .../certificados.sh renovar >> .../certs.log 2>&1
#      deploy/scripts/certificados.sh probar     renovación de prueba contra el entorno staging (--dry-run)
# Variables (.env): TLS_DOMAIN, TLS_EMAIL, ACME_WEBROOT (./deploy/nginx/acme), TLS_CERT_DIR (donde nginx lee
#   fullchain.pem y privkey.pem), TLS_KEY_GID (101, el grupo del usuario de nginx-unprivileged), CERTBOT (certbot),
#   LETSENCRYPT_DIR (/etc/letsencrypt)
#   NGINX_BIN, NGINX_PREFIX, NGINX_CONF: un nginx local en vez de los contenedores (pruebas en loopback)
#
# Tras emitir o renovar copia los archivos a TLS_CERT_DIR (desreferenciando los enlaces live/ → archive/ de Let's
# Encrypt: el contenedor solo ve TLS_CERT_DIR), con la clave legible por el grupo TLS_KEY_GID y por nadie más, valida
# con nginx -t y recarga el nginx que esté corriendo (nginx, o nginx-router en blue-green). Si la validación falla
# vuelve a poner los archivos anteriores: nginx sigue sirviendo el certificado viejo.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

accion="${1:-}"
certbot="${CERTBOT:-certbot}"
dominio="${TLS_DOMAIN:-}"
webroot="$(ruta_del_proyecto "${ACME_WEBROOT:-./deploy/nginx/acme}")"
certs="$(ruta_del_proyecto "${TLS_CERT_DIR:-./deploy/nginx/certs}")"
letsencrypt="${LETSENCRYPT_DIR:-/etc/letsencrypt}"
vivos="$letsencrypt/live/$dominio"
# nginx-unprivileged corre como uid 101 / gid 101: la clave es root:101 con modo 640.
grupo="${TLS_KEY_GID:-101}"

[[ "$accion" =~ ^(emitir|renovar|probar)$ ]] || fallar "uso: certificados.sh <emitir|renovar|probar>" 2
[[ -n "$dominio" ]] || fallar "falta TLS_DOMAIN en .env (el nombre público del servidor)" 2
# live/ son enlaces simbólicos a ../../archive/: montada sola en el contenedor, los enlaces no llevan a nada.
certs_reales="$(realpath -m "$certs")"
if [[ "$certs_reales" == "$(realpath -m "$letsencrypt")"/* ]]; then
  fallar "TLS_CERT_DIR=$certs está dentro de $letsencrypt: sus enlaces a archive/ no existen dentro del contenedor. Use una carpeta propia (./deploy/nginx/certs): este script copia ahí el certificado" 2
fi
requiere "$certbot"
mkdir -p "$webroot"

# nginx -t y recarga: el nginx local de las pruebas o cada contenedor nginx/nginx-router del proyecto que esté corriendo.
validar_y_recargar() {
  if [[ -n "${NGINX_BIN:-}" ]]; then
    local args=(-e stderr -p "${NGINX_PREFIX:?NGINX_PREFIX es obligatorio con NGINX_BIN}"
      -c "${NGINX_CONF:?NGINX_CONF es obligatorio con NGINX_BIN}")
    "$NGINX_BIN" "${args[@]}" -t || return 1
    "$NGINX_BIN" "${args[@]}" -s reload
    return
  fi
  local ids id
  mapfile -t ids < <(contenedores_nginx)
  if ((${#ids[@]} == 0)); then
    log "Ningún contenedor nginx en marcha: el certificado se cargará cuando arranque"
    return 0
  fi
  for id in "${ids[@]}"; do docker exec "$id" nginx -t || return 1; done
  for id in "${ids[@]}"; do docker exec "$id" nginx -s reload; done
}

# Copia el certificado vigente a donde nginx lo lee; si nginx no lo acepta, deja los archivos anteriores.
instalar() {
  [[ -f "$vivos/fullchain.pem" && -f "$vivos/privkey.pem" ]] || fallar "certbot no dejó el certificado en $vivos"
  mkdir -p "$certs"
  # La carpeta la atraviesa el usuario de nginx (grupo $grupo); nadie más entra.
  if ! chgrp "$grupo" "$certs" || ! chmod 750 "$certs"; then
    fallar "no se pudo dar el grupo $grupo a $certs: ejecute certificados.sh como root (sudo)"
  fi
  local f
  for f in fullchain.pem privkey.pem; do
    [[ -f "$certs/$f" ]] && cp -p "$certs/$f" "$certs/.$f.anterior"
  done
  # install sigue los enlaces de live/; archivos temporales + mv: nginx nunca ve una mitad nueva y otra vieja.
  install -m 644 "$vivos/fullchain.pem" "$certs/.fullchain.pem.nuevo"
  if ! install -m 640 -g "$grupo" "$vivos/privkey.pem" "$certs/.privkey.pem.nuevo"; then
    fallar "no se pudo dar el grupo $grupo a la clave: ejecute certificados.sh como root (sudo)"
  fi
  mv -f "$certs/.fullchain.pem.nuevo" "$certs/fullchain.pem"
  mv -f "$certs/.privkey.pem.nuevo" "$certs/privkey.pem"
  log "Certificado de $dominio instalado en $certs (clave root:$grupo 640)"
  if [[ "${RECARGAR_NGINX:-true}" != true ]]; then return 0; fi
  if ! validar_y_recargar; then
    for f in fullchain.pem privkey.pem; do
      [[ -f "$certs/.$f.anterior" ]] && mv -f "$certs/.$f.anterior" "$certs/$f"
    done
    fallar "nginx rechazó el certificado nuevo; se restauró el anterior y nginx sigue con él"
  fi
  rm -f "$certs/.fullchain.pem.anterior" "$certs/.privkey.pem.anterior"
  log "nginx validó y recargó el certificado"
}

case "$accion" in
  emitir)
    [[ -n "${TLS_EMAIL:-}" ]] || fallar "falta TLS_EMAIL en .env (avisos de vencimiento de Let's Encrypt)" 2
    "$certbot" certonly --webroot -w "$webroot" -d "$dominio" --email "$TLS_EMAIL" --agree-tos --non-interactive \
      --keep-until-expiring
    instalar
    ;;
  renovar)
    # certbot renueva solo si faltan menos de 30 días. Se compara el contenido de live/ (que tras renovar apunta a
    # otro archivo de archive/) con lo instalado: sin cambios no se toca nginx, y una renovación que quedó sin instalar
    # (nginx la rechazó, el servidor se apagó) se instala en la próxima pasada.
    "$certbot" renew --webroot -w "$webroot" --non-interactive
    vigente="$(sha256sum <"$vivos/fullchain.pem" 2>/dev/null || true)"
    instalado="$(sha256sum <"$certs/fullchain.pem" 2>/dev/null || true)"
    if [[ "$vigente" != "$instalado" ]]; then instalar; else log "Sin renovación pendiente para $dominio"; fi
    ;;
  probar)
    "$certbot" renew --webroot -w "$webroot" --dry-run --non-interactive
    log "Renovación de prueba correcta"
    ;;
esac
