/**
 * A desk killed (SIGKILL to the very process that holds its SQLite store) at named points of a sync: inside a pull
 * page's transaction, between pull pages, between a document's upload and the command push, and after the server
 * applied a batch but before the desk recorded it. Each kill is proven (the process is gone, nothing has the store open)
 * before the restart on the same file, and after each restart the whole mirror equals the server's office rows, field
 * by field, with nothing lost or applied twice. Real API server, real desk processes, real HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITE_PULL } from '#shared/sync/protocolo';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { nuevoDirectorio } from '../core/helpers/escritorio.js';
import { relevoConCorte, type Corte, type RelevoConCorte } from './helpers/corte-http.js';
import {
  lanzarEscritorio,
  matarEscritorio,
  prepararEscritorioHijo,
  terminarEscritorios,
  type Hijo,
} from './helpers/escritorio-en-proceso.js';
import { casosDeOficina, filasDelServidor, leerStore, versionesDeCasos } from './helpers/espejo-y-servidor.js';

const USUARIO = 'recepcion';
const OFICINA = '02';
/** The child's page and transaction sizes (escritorio-hijo.ts). */
const PAGINA = 100;
const FILAS_POR_TRANSACCION = 25;

let s: ServidorDePrueba;
let relevo: RelevoConCorte;
let caso: string;
let programa: Awaited<ReturnType<typeof prepararEscritorioHijo>>;
beforeAll(async () => {
  programa = await prepararEscritorioHijo();
  s = await iniciarServidor();
  relevo = await relevoConCorte(s.api);
  caso = (
    await s.db
      .selectFrom('ppsh_solicitudes')
      .select('id')
      .where('cod_agencia', '=', OFICINA)
      .where('estado_actual', '=', 'EN_EVALUACION')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await terminarEscritorios();
  programa.borrar();
  await relevo.cerrar();
  await s.cerrar();
});

const archivo = (dir: string) => path.join(dir, 'tramites.db');
const filasEnStore = (dir: string) =>
  Object.values(leerStore(archivo(dir)).filas).reduce((n, t) => n + Object.keys(t).length, 0);

/** Starts the desk through the relay with the cut armed; resolves once it is frozen there. */
async function hastaElCorte(dir: string, orden: string, corte: Corte): Promise<Hijo> {
  const alcanzado = relevo.cortarEn(corte);
  const hijo = lanzarEscritorio(programa.programa, dir, relevo.api, USUARIO, orden);
  await Promise.race([alcanzado, hijo.esperar(() => false)]);
  return hijo;
}

/** A restart on the same file, straight to the server: it syncs and its whole store equals the server's office rows. */
async function reiniciarYComparar(dir: string): Promise<void> {
  const hijo = lanzarEscritorio(programa.programa, dir, s.api, USUARIO, 'sincronizar', {
    LIMITE_PULL: String(LIMITE_PULL.defecto),
    FILAS_POR_TRANSACCION: '500',
  });
  expect(await hijo.esperar((e) => e.evento === 'listo')).toMatchObject({
    conectado: true,
    pendientes: 0,
    fallidos: 0,
    primera_sync: null,
  });
  expect(await hijo.fin).toBe(0);
  const store = leerStore(archivo(dir));
  expect(store).toMatchObject({ integridad: 'ok', sucias: 0, outbox: 0 });
  const servidor = await filasDelServidor(s, USUARIO);
  expect(versionesDeCasos(servidor)).toEqual(await casosDeOficina(s, OFICINA));
  expect(store.filas).toEqual(servidor);
}

const deTexto = (texto: string) =>
  s.db
    .selectFrom('ppsh_comentarios')
    .select('id')
    .where('solicitud_id', '=', caso)
    .where('comentario', 'like', texto)
    .execute();

// Two desk processes per test; about 10 s of CPU for the file, but a 2-core machine shared with other suites can stretch
// each test well past the default.
describe('un escritorio muerto con SIGKILL en cada punto de la sincronización', { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('dentro de la transacción de una página del pull: lo no confirmado desaparece y converge', async () => {
    const dir = nuevoDirectorio('corte-transaccion-');
    dirs.push(dir);
    // The 6th transaction: page 1 (4 transactions) and the first of page 2 are committed, the 6th is open.
    const hijo = lanzarEscritorio(programa.programa, dir, s.api, USUARIO, 'sincronizar', {
      PUNTO_DE_CORTE: 'pull.transaccion:6',
    });
    expect(await hijo.esperar((e) => e.evento === 'punto')).toEqual({
      evento: 'punto',
      punto: 'pull.transaccion',
      en_transaccion: true,
    });
    await matarEscritorio(hijo, archivo(dir));
    expect(leerStore(archivo(dir)).integridad).toBe('ok');
    expect(filasEnStore(dir)).toBe(PAGINA + FILAS_POR_TRANSACCION);
    await reiniciarYComparar(dir);
  });

  // The next two points continue on this desk once it has converged.
  const dir = nuevoDirectorio('corte-paginas-');
  dirs.push(dir);

  it('entre dos páginas del pull: las páginas confirmadas quedan y converge', async () => {
    const hijo = await hastaElCorte(dir, 'sincronizar', {
      metodo: 'GET',
      ruta: '/sync/pull',
      momento: 'peticion',
      vez: 3,
    });
    await matarEscritorio(hijo, archivo(dir));
    expect(leerStore(archivo(dir)).integridad).toBe('ok');
    expect(filasEnStore(dir)).toBe(2 * PAGINA);
    await reiniciarYComparar(dir);
  });

  it('entre la subida del documento y el push del comando: un solo documento en el servidor', async () => {
    const documentos = () =>
      s.db
        .selectFrom('ppsh_documentos')
        .select('id')
        .where('solicitud_id', '=', caso)
        .where('nombre_archivo', '=', 'pasaporte.pdf')
        .execute();
    const hijo = await hastaElCorte(dir, `adjuntar:${caso}`, {
      metodo: 'POST',
      ruta: '/sync/push',
      momento: 'peticion',
    });
    // The bytes are on the server; the command that would attach them is not.
    const subida = relevo.peticiones.filter((p) => p.startsWith('PUT /sync/archivos/'));
    expect(subida).toHaveLength(1);
    const estado = await fetch(`${s.api}${subida[0]!.slice(4)}/estado`, {
      headers: { authorization: `Bearer ${(await s.login(USUARIO)).access_token}` },
    });
    expect(await estado.json()).toMatchObject({ completo: true });
    expect(await documentos()).toHaveLength(0);
    await matarEscritorio(hijo, archivo(dir));
    expect(leerStore(archivo(dir))).toMatchObject({ integridad: 'ok', outbox: 2 });

    await reiniciarYComparar(dir);
    expect(await documentos()).toHaveLength(1);
    expect(await deTexto('Pasaporte adjunto')).toHaveLength(1);
  });

  it('con el lote aplicado en el servidor y sin registrar en el escritorio: nada se pierde ni se duplica', async () => {
    const N = 30;
    const hijo = await hastaElCorte(dir, `comentar:${caso}:${N}`, {
      metodo: 'POST',
      ruta: '/sync/push',
      momento: 'respuesta',
    });
    expect(await deTexto('Nota %')).toHaveLength(N);
    await matarEscritorio(hijo, archivo(dir));
    expect(leerStore(archivo(dir))).toMatchObject({ integridad: 'ok', outbox: N });

    await reiniciarYComparar(dir);
    expect(await deTexto('Nota %')).toHaveLength(N);
  });
});
