/** Read-only catalogs, cached (Redis or memory) because every form and the desktop's first sync read them. */
import { z } from 'zod';
import {
  Agencias,
  CausasHumanitarias,
  ConceptosPago,
  EstadosCiviles,
  EstadosPpsh,
  Paises,
  Secciones,
  Sexos,
  TiposDocumento,
} from '#shared/catalogos/schemas';
import type { Cache } from '../../cache.js';
import { conCache } from '../../cache.js';
import type { Db } from '../../db/connect.js';
import type { Api, Cuerpo } from '../../http/api.js';
import { montoUsd } from '../ppsh/serializar.js';

const TTL = 300;
const Activos = z.strictObject({ activos_solo: z.enum(['true', 'false']).default('true') });

export function rutasCatalogos(api: Api, db: Db, cache: Cache) {
  const catalogo = <R extends z.ZodType>(
    path: string,
    resumen: string,
    etiqueta: string,
    respuesta: R,
    cargar: (activosSolo: boolean) => Promise<Cuerpo<R>>,
  ) =>
    api.ruta({ method: 'get', path, resumen, etiqueta, query: Activos, respuesta }, ({ query }) =>
      conCache(cache, `${path}:${query.activos_solo}`, TTL, () => cargar(query.activos_solo === 'true')),
    );
  const activos = <T extends { activo: number }>(
    filas: T[],
    solo: boolean,
  ): (Omit<T, 'activo'> & { activo: boolean })[] =>
    filas.filter((f) => !solo || f.activo).map((f) => ({ ...f, activo: Boolean(f.activo) }));

  catalogo('/catalogos/agencias', 'Oficinas (agencias)', 'Catálogos', Agencias, async (s) =>
    activos(await db.selectFrom('agencias').selectAll().orderBy('cod_agencia').execute(), s),
  );
  catalogo('/catalogos/secciones', 'Secciones', 'Catálogos', Secciones, async (s) =>
    activos(await db.selectFrom('secciones').selectAll().orderBy('cod_seccion').execute(), s),
  );
  catalogo('/catalogos/paises', 'Países y nacionalidades', 'Catálogos', Paises, async (s) =>
    activos(await db.selectFrom('paises').selectAll().orderBy('nombre').execute(), s),
  );
  catalogo('/catalogos/sexos', 'Sexo', 'Catálogos', Sexos, async (s) =>
    activos(await db.selectFrom('sexos').selectAll().orderBy('cod_sexo').execute(), s),
  );
  catalogo('/catalogos/estados-civiles', 'Estado civil', 'Catálogos', EstadosCiviles, async (s) =>
    activos(await db.selectFrom('estados_civiles').selectAll().orderBy('cod_estado_civil').execute(), s),
  );
  catalogo('/ppsh/catalogos/causas-humanitarias', 'Causas humanitarias', 'PPSH', CausasHumanitarias, async (s) =>
    activos(await db.selectFrom('ppsh_causas_humanitarias').selectAll().orderBy('nombre_causa').execute(), s).map(
      (c) => ({ ...c, requiere_evidencia: Boolean(c.requiere_evidencia) }),
    ),
  );
  catalogo('/ppsh/catalogos/estados', 'Estados de una solicitud PPSH', 'PPSH', EstadosPpsh, async (s) =>
    activos(await db.selectFrom('ppsh_estados').selectAll().orderBy('orden').execute(), s).map((e) => ({
      ...e,
      es_final: Boolean(e.es_final),
    })),
  );
  catalogo(
    '/ppsh/catalogos/tipos-documento',
    'Tipos de documento (Decreto N° 6 de 2025)',
    'PPSH',
    TiposDocumento,
    async (s) =>
      activos(await db.selectFrom('ppsh_tipos_documento').selectAll().orderBy('orden').execute(), s).map((t) => ({
        ...t,
        es_obligatorio: Boolean(t.es_obligatorio),
      })),
  );
  catalogo('/ppsh/catalogos/conceptos-pago', 'Conceptos de pago', 'PPSH', ConceptosPago, async (s) =>
    activos(await db.selectFrom('ppsh_conceptos_pago').selectAll().orderBy('cod_concepto').execute(), s).map(
      ({ monto_centavos, ...c }) => ({ ...c, monto_usd: montoUsd(monto_centavos) }),
    ),
  );
}
