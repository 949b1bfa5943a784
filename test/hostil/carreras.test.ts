/** Races an attacker (or a flaky network) can start: every request of a burst is sent at once against one real server. */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliente } from '../helpers/http.js';
import { formulario, pdfReal, solicitud, titular } from '../helpers/datos.js';
import { PASSWORD_DEMO } from '../helpers/servidor.js';
import { OFICINA_PROPIA, iniciarEscenario, usuarioHostil, type Escenario } from './escenario.js';

let esc: Escenario;
beforeAll(async () => {
  esc = await iniciarEscenario();
});
afterAll(() => esc?.cerrar());

const login = (username: string, password: string) =>
  fetch(`${esc.s.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

async function casoNuevo() {
  const r = await cliente(esc.token('RECEPCION', OFICINA_PROPIA)).post(
    `${esc.s.api}/ppsh/solicitudes`,
    solicitud({ tipo_solicitud: 'INDIVIDUAL', solicitantes: [titular({ num_documento: `VE${uuidv7().slice(-7)}` })] }),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; version: number };
}

it('30 contraseñas erradas a la vez bloquean la cuenta, y la correcta dentro de la ráfaga no entra', async () => {
  const username = usuarioHostil('CONSULTA', OFICINA_PROPIA);
  const rafaga = [
    ...Array.from({ length: 30 }, () => login(username, 'incorrecta-123')),
    login(username, PASSWORD_DEMO),
  ];
  const estados = (await Promise.all(rafaga)).map((r) => r.status);
  expect(
    estados.every((s) => s < 500),
    String(estados),
  ).toBe(true);
  expect(estados.at(-1), 'la contraseña correcta dentro de la ráfaga').not.toBe(200);
  expect((await login(username, PASSWORD_DEMO)).status, 'después de la ráfaga la cuenta sigue bloqueada').not.toBe(200);
});

it('10 subidas a la vez de los mismos bytes: ninguna falla con 5xx, el archivo queda una vez y sin temporales', async () => {
  const caso = await casoNuevo();
  const bytes = await pdfReal('Mismo pasaporte diez veces');
  const recepcion = cliente(esc.token('RECEPCION', OFICINA_PROPIA));
  const respuestas = await Promise.all(
    Array.from({ length: 10 }, () =>
      recepcion.post(
        `${esc.s.api}/ppsh/solicitudes/${caso.id}/documentos`,
        formulario('pasaporte.pdf', bytes, { tipo_documento_texto: 'Pasaporte' }),
      ),
    ),
  );
  expect(
    respuestas.map((r) => r.status),
    JSON.stringify(respuestas.find((r) => r.status >= 500)?.body),
  ).toEqual(Array(10).fill(201));
  const filas = await esc.s.db
    .selectFrom('ppsh_documentos')
    .select('sha256')
    .where('solicitud_id', '=', caso.id)
    .execute();
  expect(filas).toHaveLength(10);
  const archivos = esc.vigia.listarUploads().split('\n');
  expect(archivos.filter((a) => a.includes(filas[0]!.sha256!))).toHaveLength(1);
  expect(archivos.filter((a) => a.includes('.tmp'))).toEqual([]);
});

it('20 cambios de estado idénticos con la misma versión: uno se aplica, los demás son CONFLICTO_VERSION', async () => {
  const caso = await casoNuevo();
  const analista = cliente(esc.token('ANALISTA', OFICINA_PROPIA));
  const respuestas = await Promise.all(
    Array.from({ length: 20 }, () =>
      analista.post(`${esc.s.api}/ppsh/solicitudes/${caso.id}/cambiar-estado`, {
        estado_nuevo: 'EN_REVISION',
        version: caso.version,
      }),
    ),
  );
  const estados = respuestas.map((r) => r.status);
  expect(estados.filter((s) => s === 200)).toHaveLength(1);
  expect(
    respuestas.filter((r) => r.status !== 200).map((r) => r.body.error.code),
    'issue 8 ítem 8: la carrera perdida es un conflicto de versión',
  ).toEqual(Array(19).fill('CONFLICTO_VERSION'));
  const historial = await esc.s.db
    .selectFrom('ppsh_estado_historial')
    .select('id')
    .where('solicitud_id', '=', caso.id)
    .where('estado_nuevo', '=', 'EN_REVISION')
    .execute();
  expect(historial).toHaveLength(1);
});

it('el mismo mutationId enviado 10 veces a la vez se aplica una sola vez y todas las respuestas coinciden', async () => {
  const caso = await casoNuevo();
  const comando = {
    mutationId: uuidv7(),
    clientId: 'escritorio-carrera',
    name: 'ppsh.comentar',
    args: { solicitudId: caso.id, comentario: { id: uuidv7(), comentario: 'Una sola vez', es_interno: true } },
  };
  const recepcion = cliente(esc.token('RECEPCION', OFICINA_PROPIA));
  const respuestas = await Promise.all(
    Array.from({ length: 10 }, () =>
      recepcion.post(`${esc.s.api}/sync/push`, { clientId: 'escritorio-carrera', comandos: [comando] }),
    ),
  );
  expect(respuestas.map((r) => r.status)).toEqual(Array(10).fill(200));
  const resultados = respuestas.map((r) => r.body.resultados[0]);
  expect(resultados.map((x) => x.status)).toEqual(Array(10).fill('applied'));
  expect(new Set(resultados.map((x) => JSON.stringify(x.result))).size).toBe(1);
  const comentarios = await esc.s.db
    .selectFrom('ppsh_comentarios')
    .select('id')
    .where('solicitud_id', '=', caso.id)
    .execute();
  expect(comentarios).toHaveLength(1);
});
