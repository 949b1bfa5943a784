/** Liveness (/health) and dependencies (/health/detailed) in the JSON shape of the seed manual §7.6. */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

/**
 * The product's package.json, found by walking up from this module: the same file is two levels higher in the source
 * tree than in dist/ (the image copies it to /app), and `node dist/...` sets no npm_package_version.
 */
export function versionDelPaquete(desde = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = desde; ; dir = path.dirname(dir)) {
    try {
      const paquete = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string };
      if (paquete.version) return paquete.version;
    } catch {
      // No package.json at this level: keep climbing.
    }
    if (path.dirname(dir) === dir) return 'desconocida';
  }
}

export const VERSION = versionDelPaquete();

export function rutasSalud(router: Router, db: Db, entorno: string, redis: Redis | undefined, dirDatos: string) {
  router.get('/health', (_req, res) => {
    res.json({
      status: 'healthy',
      timestamp: new Date().toISOString(),
      version: VERSION,
      service: 'tramites-api',
      environment: entorno,
    });
  });

  router.get('/health/detailed', async (_req, res) => {
    const checks: Record<string, Record<string, unknown>> = {};
    let status: 'healthy' | 'degraded' | 'unhealthy' = 'healthy';
    const inicio = performance.now();
    try {
      await sql`select 1 as uno`.execute(db);
      checks.database = { status: 'up', response_time_ms: Math.round((performance.now() - inicio) * 100) / 100 };
    } catch (e) {
      checks.database = { status: 'down', error: e instanceof Error ? e.message : String(e) };
      status = 'unhealthy';
    }
    if (redis) {
      try {
        const t = performance.now();
        await redis.ping();
        checks.redis = { status: 'up', response_time_ms: Math.round((performance.now() - t) * 100) / 100 };
      } catch (e) {
        checks.redis = { status: 'down', error: e instanceof Error ? e.message : String(e) };
        if (status === 'healthy') status = 'degraded';
      }
    } else {
      checks.redis = { status: 'not_configured' };
    }
    try {
      const s = await fs.statfs(dirDatos);
      const usado = ((s.blocks - s.bfree) / s.blocks) * 100;
      checks.disk = {
        status: usado < 90 ? 'up' : 'warning',
        used_percent: Math.round(usado * 100) / 100,
        free_gb: Math.round(((s.bavail * s.bsize) / 2 ** 30) * 100) / 100,
      };
      if (usado >= 90 && status === 'healthy') status = 'degraded';
    } catch (e) {
      checks.disk = { status: 'unknown', error: e instanceof Error ? e.message : String(e) };
    }
    res
      .status(status === 'unhealthy' ? 503 : 200)
      .json({ status, timestamp: new Date().toISOString(), version: VERSION, checks });
  });
}
