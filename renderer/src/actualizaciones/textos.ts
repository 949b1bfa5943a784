import { registrarTextos } from '../i18n';

registrarTextos('actualizaciones', {
  es: {
    descargando: 'Descargando la versión {{version}}',
    progreso: 'Progreso de la actualización',
    lista: 'Versión {{version}} lista',
    reiniciar: 'Reiniciar para actualizar',
    alCerrar: 'Versión {{version}} lista: se instalará al cerrar la aplicación',
    error: 'Actualizaciones: {{mensaje}}',
  },
  en: {
    descargando: 'Downloading version {{version}}',
    progreso: 'Update progress',
    lista: 'Version {{version}} ready',
    reiniciar: 'Restart to update',
    alCerrar: 'Version {{version}} ready: it installs when the app closes',
    error: 'Updates: {{mensaje}}',
  },
});
