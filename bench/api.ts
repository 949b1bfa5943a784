/**
 * npm run bench:api — seeds CASES (default 100,000) cases, then measures with autocannon, in one run on this machine:
 * a bare Express "hello world" (the baseline), the authenticated PPSH caseload list (50 rows, a filter and a sort),
 * the same page with another cache key on every request (built from SQLite each time), the caseload search, the unified
 * /casos search and the supervisor's approval queue. The caseload pages come from memory after their first request
 * (docs/rendimiento-api.md).
 * Figures are printed as req/s, p50/p99 latency and the ratio to the baseline; nothing passes or fails on time.
 */
import {
  detener,
  iniciarApi,
  iniciarHola,
  imprimir,
  login,
  medir,
  sembrar,
  CASOS,
  SEGUNDOS,
  type Medida,
} from './comun.js';

const PUERTO_HOLA = 18_081;
const PUERTO_API = 18_082;
const FILTRADA = '/api/v1/ppsh/solicitudes?estado=EN_EVALUACION&orden=-fecha_solicitud&page_size=50';

const base = await sembrar();
const hola = await iniciarHola(PUERTO_HOLA);
const api = await iniciarApi(base, PUERTO_API);
try {
  const url = `http://127.0.0.1:${PUERTO_API}`;
  const token = await login(url, 'analista');
  const supervisor = await login(url, 'supervisor');
  console.log(`autocannon: 10 conexiones, ${SEGUNDOS} s por escenario, ${CASOS} casos (oficina 02 ≈ 70 %)`);
  const linea = await medir('Express "hello world" (línea base)', `http://127.0.0.1:${PUERTO_HOLA}/`);
  const medidas: Medida[] = [linea];
  medidas.push(await medir('GET /ppsh/solicitudes: estado + orden, 50 filas', `${url}${FILTRADA}`, token));
  // Every request another cache key (a start date further back each time, same rows): the page built from SQLite.
  const dia = (n: number) => new Date(Date.UTC(2000, 0, 1) - n * 86_400_000).toISOString().slice(0, 10);
  medidas.push(
    await medir(
      'GET /ppsh/solicitudes: estado + orden, 50 filas, sin caché (otra clave cada vez)',
      `${url}${FILTRADA}`,
      token,
      (n) => `${FILTRADA}&fecha_desde=${dia(n)}`,
    ),
  );
  medidas.push(
    await medir(
      'GET /ppsh/solicitudes: búsqueda por nombre, 50 filas',
      `${url}/api/v1/ppsh/solicitudes?buscar=gonzalez&page_size=50`,
      token,
    ),
  );
  medidas.push(
    await medir(
      'GET /casos: búsqueda unificada, 20 filas',
      `${url}/api/v1/casos?buscar=rodriguez&page_size=20`,
      supervisor,
    ),
  );
  medidas.push(
    await medir('GET /casos/cola-aprobacion, 20 filas', `${url}/api/v1/casos/cola-aprobacion?page_size=20`, supervisor),
  );
  imprimir(medidas, linea);
} finally {
  await detener(api);
  await detener(hola);
}
