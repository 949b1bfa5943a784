#!/bin/sh
# Genera la configuración de Alertmanager a partir de alertmanager.yml y del entorno, y arranca Alertmanager.
# Uso (contenedor): entrypoint.sh <plantilla> <salida> [argumentos de alertmanager...]
# Uso (prueba):     ALERTMANAGER_BIN=true entrypoint.sh plantilla salida
# Es POSIX sh: la imagen de Alertmanager es busybox (sin bash).
set -eu

plantilla="$1"
salida="$2"
shift 2

# Sin Slack configurado la URL apunta a un puerto cerrado local: la notificación falla en el log, la configuración
# sigue siendo válida y el correo funciona.
: "${SLACK_WEBHOOK_URL:=http://127.0.0.1:9/slack-sin-configurar}"
: "${SLACK_CHANNEL:=#tramites-alerts}"
: "${SMTP_SMARTHOST:=localhost:25}"
: "${ALERT_EMAIL_FROM:=alertas@localhost}"
: "${ALERT_EMAIL_TO:=infra@localhost}"
# Los reportes de errores van a TI; sin una dirección propia, a la de las demás alertas.
: "${ALERT_EMAIL_TI:=$ALERT_EMAIL_TO}"
: "${SMTP_USER:=}"
: "${SMTP_PASSWORD:=}"
export SLACK_WEBHOOK_URL SLACK_CHANNEL SMTP_SMARTHOST ALERT_EMAIL_FROM ALERT_EMAIL_TO ALERT_EMAIL_TI SMTP_USER SMTP_PASSWORD

# Reemplaza solo ${NOMBRE} en mayúsculas; las plantillas de Alertmanager ({{ ... }}) quedan intactas.
awk '{
  linea = $0
  salida = ""
  while (match(linea, /\$\{[A-Z_][A-Z0-9_]*\}/)) {
    nombre = substr(linea, RSTART + 2, RLENGTH - 3)
    salida = salida substr(linea, 1, RSTART - 1) ENVIRON[nombre]
    linea = substr(linea, RSTART + RLENGTH)
  }
  print salida linea
}' "$plantilla" > "$salida"

exec "${ALERTMANAGER_BIN:-/bin/alertmanager}" --config.file="$salida" "$@"
