/**
 * No single refused item holds back the commands behind it, and the officer hears of the refusal. A real desk against
 * a real server: an .exe renamed .pdf (the server answers 415 to its bytes) becomes her rejection of that attachment
 * with the server's Spanish reason while the comment and the registration queued after it go through; and a server
 * that refuses whole batches with a 422 for one bad command (an older server, played by an HTTP front) has the desk
 * halve the batch until the culprit is alone, then list it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgresoDocumento } from '#shared/bridge/tipos';
import { abrirEscritorio } from '../core/helpers/escritorio.js';
import { solicitud, titular } from '../helpers/datos.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { casoEn, puesto, type Puesto } from './helpers/escenario.js';
import { crearPushIntermitente } from './helpers/push-intermitente.js';

let s: ServidorDePrueba;
let p: Puesto;
beforeAll(async () => {
  s = await iniciarServidor();
  p = await puesto(s, 'recepcion');
});
afterAll(async () => {
  await p?.cerrar();
  await s.cerrar();
});

const comentariosEnServidor = async (id: string) =>
  (await s.db.selectFrom('ppsh_comentarios').select('comentario').where('solicitud_id', '=', id).execute()).map(
    (c) => c.comentario,
  );

describe('un elemento rechazado no detiene a los de detrás', () => {
  it('un .exe renombrado .pdf vuelve como rechazo con el motivo del servidor; el comentario y el registro de detrás pasan', async () => {
    const id = await casoEn(p.core, 'EN_EVALUACION');
    const progreso: ProgresoDocumento[] = [];
    const dejar = p.core.on('documentos.progreso', (e) => progreso.push(e));
    p.red.cortar();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(3000)]);
    const adjunto = await p.core['ppsh.adjuntarDocumento']({
      id,
      nombre_archivo: 'pasaporte.pdf',
      contenido_base64: exe.toString('base64'),
      metadatos: { tipo_documento_texto: 'Pasaporte' },
    });
    await p.core['ppsh.comentar']({ id, comentario: { comentario: 'Escrito después del adjunto' } });
    const registro = await p.core['ppsh.registrar'](
      solicitud({ tipo_solicitud: 'INDIVIDUAL', solicitantes: [titular({ num_documento: 'VE7770001' })] }) as never,
    );
    expect((await p.core['expedientes.detalle']({ id })).documentos.map((d) => d.nombre_archivo)).toContain(
      'pasaporte.pdf',
    );
    p.red.restablecer();

    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1, ultimo_error: null });
    dejar();
    expect(await p.core['conflictos.listar']({})).toMatchObject([
      {
        mutationId: adjunto.mutationId,
        estado: 'rechazado',
        code: 'ARCHIVO_NO_PERMITIDO',
        message:
          'El servidor rechazó el archivo «pasaporte.pdf»: Tipo de archivo no permitido. Permitidos: pdf, jpg, jpeg, png, doc, docx',
      },
    ]);
    // The rest arrived; the attachment's local row rolled back and nothing of it reached the server.
    expect(await comentariosEnServidor(id)).toContain('Escrito después del adjunto');
    expect(
      await s.db.selectFrom('ppsh_solicitudes').select('id').where('id', '=', registro.id).executeTakeFirst(),
    ).toEqual({ id: registro.id });
    expect((await p.core['expedientes.detalle']({ id })).documentos.map((d) => d.nombre_archivo)).not.toContain(
      'pasaporte.pdf',
    );
    expect(
      await s.db
        .selectFrom('ppsh_documentos')
        .select('id')
        .where('solicitud_id', '=', id)
        .where('nombre_archivo', '=', 'pasaporte.pdf')
        .execute(),
    ).toEqual([]);
    // The bar never read "all bytes taken" (which the screen shows as "Subido al servidor"): it ends in the refusal.
    expect(progreso.some((e) => e.total !== null && e.cargados >= e.total && e.rechazo === undefined)).toBe(false);
    expect(progreso.at(-1)).toMatchObject({
      rechazo: 'Tipo de archivo no permitido. Permitidos: pdf, jpg, jpeg, png, doc, docx',
    });
    expect((await p.core['documentos.cache']({})).pendientes_subida).toBe(0);
  });

  it('un servidor que rechaza el lote entero con 422 por un comando: el escritorio lo divide, lista al culpable y aplica los demás (el 422 lo da un proxy)', async () => {
    const front = await crearPushIntermitente(s.api);
    const e = abrirEscritorio(front.api, { sync: { backoffBaseMs: 10, backoffMaxMs: 50, intervaloMs: 60_000 } });
    try {
      await e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO });
      await e.core['sync.ahora']({});
      const id = await casoEn(e.core, 'EN_EVALUACION', 1);
      const hechos = [];
      for (let i = 1; i <= 7; i++)
        hechos.push(await e.core['ppsh.comentar']({ id, comentario: { comentario: `Comentario ${i}` } }));
      front.rechazarLote.add(hechos[4]!.mutationId);

      expect(await e.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1, ultimo_error: null });
      // 7 refused, then 4 applied, [5 6 7] refused, [5 6] refused, [5] refused and listed, [6 7] applied.
      expect(front.lotesRechazados).toBe(4);
      expect(await e.core['conflictos.listar']({})).toMatchObject([
        {
          mutationId: hechos[4]!.mutationId,
          estado: 'rechazado',
          code: 'VALIDACION',
          message:
            'El servidor rechazó este cambio: Datos inválidos: comandos.0.mutationId: mutationId inválido (se espera un UUIDv7)',
        },
      ]);
      const enServidor = await comentariosEnServidor(id);
      expect([1, 2, 3, 4, 5, 6, 7].filter((i) => enServidor.includes(`Comentario ${i}`))).toEqual([1, 2, 3, 4, 6, 7]);
    } finally {
      await e.cerrar();
      await front.cerrar();
    }
  });
});
