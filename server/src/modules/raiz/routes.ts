/**
 * The reference's service entry points we answered 404 to: `GET /` (what this service is, where its documents and
 * health checks are, which modules it serves) and `GET /api/v1/ppsh/health` (the PPSH module and its database).
 * Both are public, like the reference's; neither says anything about configuration (docs/compatibilidad.md).
 */
import type { Router } from 'express';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../error-api.js';
import type { Api } from '../../http/api.js';
import { VERSION } from '../health/routes.js';

const DISPONIBLE = (ruta: string) => `✅ Disponible en ${ruta}`;
const NO_DISPONIBLE = '❌ No disponible';

/** The reference's module list, with its wording: PPSH and workflow are served; SIM_FT and the old trámites are not. */
export function modulos(prefijo: string) {
  return {
    ppsh: DISPONIBLE(`${prefijo}/ppsh`),
    workflow: DISPONIBLE(`${prefijo}/workflow`),
    sim_ft: NO_DISPONIBLE,
    tramites: NO_DISPONIBLE,
  };
}

export function rutaRaiz(router: Router, prefijo: string) {
  router.get('/', (_req, res) => {
    res.json({
      message: 'Sistema de Trámites Migratorios de Panamá',
      service: 'tramites-api',
      version: VERSION,
      status: 'running',
      docs: '/docs',
      openapi: '/openapi.json',
      health: '/health',
      database_status: '/health/detailed',
      api: prefijo,
      modules: modulos(prefijo),
    });
  });
}

export const SaludPpsh = z.strictObject({
  status: z.literal('healthy'),
  module: z.literal('PPSH'),
  database: z.literal('connected'),
});

export function rutaSaludPpsh(api: Api, db: Db) {
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/health',
      resumen: 'Salud del módulo PPSH (base de datos alcanzable)',
      etiqueta: 'PPSH',
      publica: true,
      respuesta: SaludPpsh,
    },
    async () => {
      try {
        await sql`select 1 as uno`.execute(db);
      } catch {
        throw new AppError('SERVICIO_NO_DISPONIBLE', 'El módulo PPSH no alcanza su base de datos');
      }
      return { status: 'healthy', module: 'PPSH', database: 'connected' } as const;
    },
  );
}
