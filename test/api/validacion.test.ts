/** Every bad input gets a clear 4xx with a stable code and a Spanish message, and nothing is written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumarDias, fechaPanama } from '#shared/calendario';
import { cliente, type Cliente } from '../helpers/http.js';
import { dependiente, ejecutableDisfrazado, formulario, pdfReal, solicitud, titular } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let s: ServidorDePrueba;
let recepcion: Cliente;
let idExistente: string;

const contar = async () =>
  Number(
    (
      await s.db
        .selectFrom('ppsh_solicitudes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function registroRechazado(cuerpo: unknown, campo: string | RegExp, status = 422) {
  const antes = await contar();
  const r = await recepcion.post(`${s.api}/ppsh/solicitudes`, cuerpo);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error).toMatchObject({
    code: expect.any(String),
    message: expect.any(String),
    requestId: expect.any(String),
  });
  expect(JSON.stringify(r.body.error)).toMatch(campo);
  expect(await contar()).toBe(antes);
  return r.body.error;
}

beforeAll(async () => {
  s = await iniciarServidor();
  recepcion = cliente((await s.login('recepcion')).access_token);
  idExistente = (await recepcion.post(`${s.api}/ppsh/solicitudes`, solicitud())).body.id;
});
afterAll(() => s.cerrar());

describe('validación de una solicitud', () => {
  it('una cédula mal escrita', async () => {
    const e = await registroRechazado(
      solicitud({
        tipo_solicitud: 'INDIVIDUAL',
        solicitantes: [titular({ tipo_documento: 'CEDULA', num_documento: '8-ABC-12' })],
      }),
      'num_documento',
    );
    expect(e.message).toContain('Cédula inválida');
  });

  it('una cédula panameña válida se acepta (8-123-4567)', async () => {
    const r = await recepcion.post(
      `${s.api}/ppsh/solicitudes`,
      solicitud({
        tipo_solicitud: 'INDIVIDUAL',
        solicitantes: [titular({ tipo_documento: 'CEDULA', num_documento: '8-123-4567', pais_emisor: 'PAN' })],
      }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('un correo inválido', () =>
    registroRechazado(
      solicitud({ solicitantes: [titular({ email: 'maria@' }), dependiente()] }),
      /solicitantes\.0\.email/,
    ));
  it('una fecha de nacimiento futura', () =>
    registroRechazado(
      solicitud({ solicitantes: [titular({ fecha_nacimiento: sumarDias(fechaPanama(), 3) }), dependiente()] }),
      'futura',
    ));
  it('una fecha imposible', () =>
    registroRechazado(
      solicitud({ solicitantes: [titular({ fecha_nacimiento: '1990-02-30' }), dependiente()] }),
      'fecha_nacimiento',
    ));
  it('un titular menor de edad (los dependientes sí pueden serlo)', () =>
    registroRechazado(
      solicitud({ solicitantes: [titular({ fecha_nacimiento: sumarDias(fechaPanama(), -365 * 17) }), dependiente()] }),
      'mayor de 18',
    ));
  it('dos titulares', () =>
    registroRechazado(
      solicitud({ solicitantes: [titular(), titular({ num_documento: 'X1' })] }),
      'exactamente un titular',
    ));
  it('un dependiente sin parentesco', () =>
    registroRechazado(
      solicitud({ solicitantes: [titular(), dependiente({ parentesco_titular: undefined })] }),
      'parentesco',
    ));
  it('prioridad ALTA sin descripción suficiente', () =>
    registroRechazado(solicitud({ prioridad: 'ALTA', descripcion_caso: 'urgente' }), '50 caracteres'));
  it('un campo desconocido', () => registroRechazado(solicitud({ es_admin: true }), 'es_admin'));
  it('un país que no existe en el catálogo', () =>
    registroRechazado(solicitud({ solicitantes: [titular({ cod_nacionalidad: 'XYZ' }), dependiente()] }), 'XYZ'));
  it('una causa humanitaria inexistente', () =>
    registroRechazado(solicitud({ cod_causa_humanitaria: 99 }), 'causa humanitaria', 400));
  it('un texto demasiado largo', () =>
    registroRechazado(solicitud({ descripcion_caso: 'x'.repeat(2001) }), 'descripcion_caso'));
  it('un cuerpo que no es JSON', async () => {
    const r = await fetch(`${s.api}/ppsh/solicitudes`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${(await s.login('recepcion')).access_token}`,
      },
      body: '{"tipo_solicitud":',
    });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('JSON');
  });
});

describe('validación de listados', () => {
  it('page_size mayor que 100', async () => {
    const r = await recepcion.get(`${s.api}/ppsh/solicitudes?page_size=101`);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('page_size');
  });
  it('un filtro desconocido', async () => {
    const r = await recepcion.get(`${s.api}/ppsh/solicitudes?borrar=1`);
    expect(r.status).toBe(422);
  });
});

describe('subida de archivos segura', () => {
  const subir = (nombre: string, bytes: Buffer, campos = { cod_tipo_documento: '3' }) =>
    recepcion.post(`${s.api}/ppsh/solicitudes/${idExistente}/documentos`, formulario(nombre, bytes, campos));
  const documentos = async () =>
    (await s.db.selectFrom('ppsh_documentos').select('id').where('solicitud_id', '=', idExistente).execute()).length;

  it('un ejecutable renombrado a .pdf se rechaza por su contenido', async () => {
    const antes = await documentos();
    const r = await subir('pasaporte.pdf', ejecutableDisfrazado());
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('ARCHIVO_NO_PERMITIDO');
    expect(await documentos()).toBe(antes);
  });
  it('una extensión fuera de la lista', async () => {
    const r = await subir('script.exe', await pdfReal());
    expect(r.status).toBe(415);
    expect(r.body.error.message).toContain('Permitidos');
  });
  it('un PDF con nombre .png no pasa', async () => {
    const r = await subir('foto.png', await pdfReal());
    expect(r.status).toBe(415);
  });
  it('un archivo de más de 10 MB', async () => {
    const grande = Buffer.concat([await pdfReal(), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const r = await subir('grande.pdf', grande);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('ARCHIVO_DEMASIADO_GRANDE');
  });
  it('sin archivo', async () => {
    const f = new FormData();
    f.append('cod_tipo_documento', '3');
    const r = await recepcion.post(`${s.api}/ppsh/solicitudes/${idExistente}/documentos`, f);
    expect(r.status).toBe(422);
  });
  it('un tipo de documento desconocido', async () => {
    const r = await subir('pasaporte.pdf', await pdfReal(), { cod_tipo_documento: '999' });
    expect(r.status).toBe(422);
  });
  it('el mismo archivo subido dos veces se guarda una sola vez', async () => {
    const pdf = await pdfReal('duplicado');
    const a = await subir('a.pdf', pdf);
    const b = await subir('b.pdf', pdf);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.sha256).toBe(b.body.sha256);
    const archivos = await s.db.selectFrom('archivos').select('sha256').where('sha256', '=', a.body.sha256).execute();
    expect(archivos).toHaveLength(1);
  });
});

describe('concurrencia optimista', () => {
  it('una edición con una versión vieja se rechaza con CONFLICTO_VERSION', async () => {
    const d = await recepcion.get(`${s.api}/ppsh/solicitudes/${idExistente}`);
    const ok = await recepcion.put(`${s.api}/ppsh/solicitudes/${idExistente}`, {
      observaciones_generales: 'Primera',
      version: d.body.version,
    });
    expect(ok.status).toBe(200);
    const viejo = await recepcion.put(`${s.api}/ppsh/solicitudes/${idExistente}`, {
      observaciones_generales: 'Segunda',
      version: d.body.version,
    });
    expect(viejo.status).toBe(409);
    expect(viejo.body.error.code).toBe('CONFLICTO_VERSION');
    expect((await recepcion.get(`${s.api}/ppsh/solicitudes/${idExistente}`)).body.observaciones_generales).toBe(
      'Primera',
    );
  });
});
