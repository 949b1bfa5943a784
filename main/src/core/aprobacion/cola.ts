/**
 * The supervisor's approval queue from the local mirror (works offline), as the server's /casos/cola-aprobacion:
 * PPSH cases in EN_APROBACION and open workflow cases whose stage awaits validation, the longest waiting first
 * (by when they entered that state or stage).
 */
import type { PaginaExpedientes } from '#shared/bridge/tipos';
import { fechaPanama } from '#shared/calendario';
import type { TipoCaso } from '#shared/casos/schemas';
import type { Rol } from '#shared/roles';
import { rolValida } from '#shared/workflow/perfiles';
import { FUENTES, pendienteSql, resumen, type FilaCaso } from '../caseload/consultas.js';
import { condicionAbierto } from '../caseload/vencidos.js';
import { ErrorCore } from '../error-core.js';
import type { Sqlite } from '../store/abrir.js';

/** Which rows of each kind wait for a supervisor, and since when. */
const EN_COLA: Record<TipoCaso, { donde: string; desde: string }> = {
  PPSH: { donde: `estado_actual = 'EN_APROBACION'`, desde: `s.datos->>'fecha_estado'` },
  WORKFLOW: {
    donde: `${condicionAbierto('WORKFLOW', 'estado')} and s.datos->>'pendiente_validacion' = 1`,
    desde: `s.datos->>'fecha_etapa'`,
  },
};

export function colaAprobacion(
  db: Sqlite,
  rol: Rol,
  pagina: { limite: number; desplazamiento: number },
  hoy = fechaPanama(),
): PaginaExpedientes {
  if (!rolValida(rol))
    throw new ErrorCore('PERMISO_DENEGADO', 'La cola de aprobación es de la jefatura (SUPERVISOR) y del administrador');
  const hasta = pagina.desplazamiento + pagina.limite;
  let total = 0;
  const filas: (FilaCaso & { id: string; tipo: TipoCaso })[] = [];
  for (const f of FUENTES) {
    const { donde, desde } = EN_COLA[f.tipo];
    total += (db.prepare(`select count(*) as n from ${f.tabla} s where activo = 1 and ${donde}`).get() as { n: number })
      .n;
    const leidas = db
      .prepare(
        `select id, datos, ${pendienteSql} as pendiente, ${f.codigo} as workflow_codigo, ${desde} as clave
         from ${f.tabla} s where activo = 1 and ${donde} order by clave, id limit ?`,
      )
      .all(hasta) as (FilaCaso & { id: string })[];
    filas.push(...leidas.map((l) => ({ ...l, tipo: f.tipo })));
  }
  filas.sort((a, b) => String(a.clave).localeCompare(String(b.clave)) || a.id.localeCompare(b.id));
  return {
    items: filas.slice(pagina.desplazamiento, hasta).map((f) => resumen(f.tipo, f, hoy)),
    total,
    total_es_minimo: false,
  };
}
