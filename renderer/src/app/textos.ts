import { registrarTextos } from '../i18n';

registrarTextos('app', {
  es: {
    saltar: 'Saltar al contenido',
    navegacion: 'Navegación principal',
    menu: {
      bandeja: 'Bandeja',
      registro: 'Nueva solicitud',
      aprobacion: 'Aprobaciones',
      tablero: 'Tablero',
      conflictos: 'Conflictos',
      ajustes: 'Ajustes',
      cuenta: 'Mi cuenta',
    },
    volver: 'Volver',
    escaneado: 'Abriendo {{codigo}}…',
    noEncontrado: 'No hay ningún expediente con el número o referencia {{codigo}} en este equipo.',
    atajos: 'Ctrl+K buscar · Ctrl+L bloquear',
    oficina: 'Oficina {{codigo}}',
  },
  en: {
    saltar: 'Skip to content',
    navegacion: 'Main navigation',
    menu: {
      bandeja: 'Caseload',
      registro: 'New request',
      aprobacion: 'Approvals',
      tablero: 'Dashboard',
      conflictos: 'Conflicts',
      ajustes: 'Settings',
      cuenta: 'My account',
    },
    volver: 'Back',
    escaneado: 'Opening {{codigo}}…',
    noEncontrado: 'No case numbered or referenced {{codigo}} on this computer.',
    atajos: 'Ctrl+K search · Ctrl+L lock',
    oficina: 'Office {{codigo}}',
  },
});
