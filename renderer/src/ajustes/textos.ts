import { registrarTextos } from '../i18n';

registrarTextos('ajustes', {
  es: {
    titulo: 'Ajustes',
    intro: 'Preferencias de este equipo. Los campos fijados por TI no se pueden cambiar aquí.',
    servidor: 'Dirección del servidor',
    servidorAyuda: 'Por ejemplo https://tramites.migracion.gob.pa/api/v1',
    idioma: 'Idioma',
    idiomas: { es: 'Español', en: 'English (inglés)' },
    cache: 'Espacio para documentos sin conexión (MB)',
    cacheAyuda: 'Entre {{min}} y {{max}} MB. Los documentos más antiguos se borran al llenarse.',
    enUso: 'En uso: {{usado}} de {{total}} ({{archivos}} archivos, {{pendientes}} por subir)',
    fijado: 'Fijado por TI',
    guardar: 'Guardar ajustes',
    guardado: 'Ajustes guardados',
    sinCambios: 'No hay cambios que guardar',
  },
  en: {
    titulo: 'Settings',
    intro: 'Preferences of this computer. Fields set by IT cannot be changed here.',
    servidor: 'Server address',
    servidorAyuda: 'For example https://tramites.migracion.gob.pa/api/v1',
    idioma: 'Language',
    idiomas: { es: 'Español (Spanish)', en: 'English' },
    cache: 'Space for offline documents (MB)',
    cacheAyuda: 'Between {{min}} and {{max}} MB. The oldest documents are removed when it fills up.',
    enUso: 'In use: {{usado}} of {{total}} ({{archivos}} files, {{pendientes}} to upload)',
    fijado: 'Set by IT',
    guardar: 'Save settings',
    guardado: 'Settings saved',
    sinCambios: 'Nothing to save',
  },
});
