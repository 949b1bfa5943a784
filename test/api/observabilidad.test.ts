/** Health checks, Prometheus metrics, request ids, OpenAPI: what operations sees of the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente } from '../helpers/http.js';
import { solicitud } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(() => s.cerrar());

describe('salud', () => {
  it('/health responde en la forma del manual', async () => {
    const r = await cliente().get(`${s.url}/health`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'healthy',
      service: 'tramites-api',
      environment: 'testing',
      version: expect.any(String),
    });
    expect(Date.parse(r.body.timestamp)).not.toBeNaN();
  });

  it('/health/detailed informa base de datos con tiempo de respuesta, redis y disco', async () => {
    const r = await cliente().get(`${s.url}/health/detailed`);
    expect(r.status).toBe(200);
    expect(r.body.checks.database).toMatchObject({ status: 'up', response_time_ms: expect.any(Number) });
    expect(r.body.checks.redis.status).toBe('not_configured');
    expect(r.body.checks.disk).toMatchObject({ used_percent: expect.any(Number), free_gb: expect.any(Number) });
  });
});

describe('métricas', () => {
  it('cuenta peticiones por ruta (no por URL), trámites creados y activos por oficina', async () => {
    const token = (await s.login('recepcion')).access_token;
    const creada = await cliente(token).post(`${s.api}/ppsh/solicitudes`, solicitud());
    await cliente(token).get(`${s.api}/ppsh/solicitudes/${creada.body.id}`);
    const texto = (await cliente().get(`${s.url}/metrics`)).body as string;
    expect(texto).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/ppsh\/solicitudes\/:id",status="200"\} 1/,
    );
    expect(texto).not.toContain(creada.body.id);
    expect(texto).toMatch(/tramites_created_total\{tipo="PPSH"\} 1/);
    expect(texto).toMatch(/tramites_activos\{agencia="02"\} \d+/);
    expect(texto).toContain('http_request_duration_seconds_bucket');
    expect(texto).toContain('process_resident_memory_bytes');
  });
});

describe('identificador de petición y errores', () => {
  it('el X-Request-ID recibido se devuelve y aparece en el error', async () => {
    const r = await cliente().get(`${s.api}/ppsh/solicitudes`, { 'x-request-id': 'nginx-abc-123' });
    expect(r.headers.get('x-request-id')).toBe('nginx-abc-123');
    expect(r.body.error.requestId).toBe('nginx-abc-123');
  });

  it('sin X-Request-ID se genera uno; uno malformado se reemplaza', async () => {
    const a = await cliente().get(`${s.url}/health`);
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const b = await cliente().get(`${s.url}/health`, { 'x-request-id': 'malo <script>' });
    expect(b.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('una ruta desconocida responde 404 con la forma de error única', async () => {
    const r = await cliente().get(`${s.api}/no-existe`);
    expect(r.status).toBe(404);
    expect(Object.keys(r.body.error).sort()).toEqual(['code', 'message', 'requestId']);
  });

  it('las respuestas JSON grandes viajan comprimidas con gzip', async () => {
    const r = await fetch(`${s.url}/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(((await r.json()) as { openapi: string }).openapi).toBe('3.0.3');
  });

  it('las cabeceras de seguridad de helmet están presentes', async () => {
    const r = await cliente().get(`${s.url}/health`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toContain('max-age');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });
});

describe('documentación OpenAPI', () => {
  it('/openapi.json describe las rutas con sus esquemas', async () => {
    const r = await cliente().get(`${s.url}/openapi.json`);
    expect(r.body.openapi).toBe('3.0.3');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/ppsh/solicitudes',
        '/api/v1/ppsh/solicitudes/{id}/cambiar-estado',
      ]),
    );
    const crear = r.body.paths['/api/v1/ppsh/solicitudes'].post;
    const esquema = crear.requestBody.content['application/json'].schema;
    expect(esquema.properties.solicitantes.type).toBe('array');
    expect(esquema.additionalProperties).toBe(false);
  });

  it('/docs sirve la interfaz', async () => {
    const r = await fetch(`${s.url}/docs/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('swagger');
  });
});

describe('base de datos caída', () => {
  it('/health/detailed responde 503 unhealthy', async () => {
    const otro = await iniciarServidor({ demo: false });
    await otro.db.destroy();
    const r = await cliente().get(`${otro.url}/health/detailed`);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'unhealthy', checks: { database: { status: 'down' } } });
    await otro.cerrar().catch(() => undefined);
  });
});
