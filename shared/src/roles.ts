/** Roles of the officers who use the system (docs/decisiones.md §2). Every user belongs to exactly one office. */
export const ROLES = ['RECEPCION', 'ANALISTA', 'SUPERVISOR', 'ADMIN', 'CONSULTA'] as const;
export type Rol = (typeof ROLES)[number];

export const ROL_NOMBRES: Record<Rol, string> = {
  RECEPCION: 'Recepción (ventanilla)',
  ANALISTA: 'Analista',
  SUPERVISOR: 'Supervisor (jefatura / dirección)',
  ADMIN: 'Administrador (TI)',
  CONSULTA: 'Consulta (solo lectura)',
};

/**
 * What each role may do, outside the state machine (which has its own table in ppsh/estados.ts).
 * The server enforces it; the desktop uses it only to decide what to show.
 */
export const PERMISOS = {
  'solicitud.ver': ['RECEPCION', 'ANALISTA', 'SUPERVISOR', 'ADMIN', 'CONSULTA'],
  'solicitud.crear': ['RECEPCION', 'ANALISTA', 'ADMIN'],
  'solicitud.editar': ['RECEPCION', 'ANALISTA', 'ADMIN'],
  'solicitud.asignar': ['SUPERVISOR', 'ADMIN'],
  'documento.subir': ['RECEPCION', 'ANALISTA', 'ADMIN'],
  'documento.verificar': ['ANALISTA', 'SUPERVISOR', 'ADMIN'],
  'entrevista.gestionar': ['ANALISTA', 'SUPERVISOR', 'ADMIN'],
  'comentario.crear': ['RECEPCION', 'ANALISTA', 'SUPERVISOR', 'ADMIN'],
  'comentario.ver_internos': ['RECEPCION', 'ANALISTA', 'SUPERVISOR', 'ADMIN'],
  'pago.registrar': ['RECEPCION', 'ADMIN'],
  'pago.ver': ['RECEPCION', 'ANALISTA', 'SUPERVISOR', 'ADMIN', 'CONSULTA'],
  'estadisticas.ver': ['ANALISTA', 'SUPERVISOR', 'ADMIN', 'CONSULTA'],
  todas_las_oficinas: ['ADMIN'],
} as const satisfies Record<string, readonly Rol[]>;

export type Permiso = keyof typeof PERMISOS;

export function tienePermiso(rol: Rol, permiso: Permiso): boolean {
  return (PERMISOS[permiso] as readonly Rol[]).includes(rol);
}
