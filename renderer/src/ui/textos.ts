import { registrarTextos } from '../i18n';

registrarTextos('ui', {
  es: { cerrar: 'Cerrar', cargando: 'Cargando…', reintentar: 'Reintentar', cancelar: 'Cancelar', guardar: 'Guardar' },
  en: { cerrar: 'Close', cargando: 'Loading…', reintentar: 'Retry', cancelar: 'Cancel', guardar: 'Save' },
});
