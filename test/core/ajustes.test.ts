/**
 * Desk settings: defaults from the launcher, IT's configuration files (defaults and fixed values, a later file over an
 * earlier one), the officer's saved values surviving a restart, Spanish validation errors, and a new server URL and
 * cache budget applied to the running core without a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/src/core/core.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { abrirEscritorio, nuevoDirectorio, opcionesEscritorio } from './helpers/escritorio.js';

const MB = 1024 * 1024;
/** Nothing listens here: a server URL that is offline. */
const SIN_SERVIDOR = 'http://127.0.0.1:9/api/v1';

function configuracion(dir: string, nombre: string, contenido: unknown): string {
  const archivo = path.join(dir, nombre);
  fs.writeFileSync(archivo, typeof contenido === 'string' ? contenido : JSON.stringify(contenido));
  return archivo;
}

describe('ajustes del escritorio', () => {
  let s: ServidorDePrueba;
  beforeAll(async () => {
    s = await iniciarServidor();
  });
  afterAll(async () => {
    await s.cerrar();
  });

  it('sin configuración usa la URL del lanzador, español y 512 MB; guarda y sobrevive a un reinicio', async () => {
    const e = abrirEscritorio(`${s.api}/`);
    try {
      expect(await e.core['ajustes.leer']({})).toEqual({
        servidor_url: s.api,
        idioma: 'es',
        cache_documentos_mb: 512,
        bloqueados: [],
      });
      expect(await e.core.invocar('ajustes.guardar', { idioma: 'en', cache_documentos_mb: 200 })).toMatchObject({
        idioma: 'en',
        cache_documentos_mb: 200,
      });
      expect((await e.core['documentos.cache']({})).presupuesto_bytes).toBe(200 * MB);
      const core = await e.reiniciar();
      expect(await core['ajustes.leer']({})).toMatchObject({ idioma: 'en', cache_documentos_mb: 200 });
      expect((await core['documentos.cache']({})).presupuesto_bytes).toBe(200 * MB);
      expect(fs.readdirSync(e.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    } finally {
      await e.cerrar();
    }
  });

  it('rechaza con mensajes en español una URL que no es http(s) y un tamaño de caché fuera de rango', async () => {
    const e = abrirEscritorio(s.api);
    try {
      for (const servidor_url of ['ftp://servidor/api', 'javascript:alert(1)', 'servidor:8000', 'http://'])
        await expect(e.core.invocar('ajustes.guardar', { servidor_url })).rejects.toMatchObject({
          code: 'VALIDACION',
          message: expect.stringContaining('Debe ser una dirección http:// o https://'),
        });
      await expect(e.core.invocar('ajustes.guardar', { cache_documentos_mb: 10 })).rejects.toMatchObject({
        code: 'VALIDACION',
        message: expect.stringContaining('al menos 50 MB'),
      });
      await expect(e.core.invocar('ajustes.guardar', { cache_documentos_mb: 1e6 })).rejects.toMatchObject({
        message: expect.stringContaining('no puede superar'),
      });
      await expect(e.core.invocar('ajustes.guardar', { cache_documentos_mb: 75.5 })).rejects.toMatchObject({
        message: expect.stringContaining('número entero'),
      });
      await expect(e.core.invocar('ajustes.guardar', { idioma: 'fr' })).rejects.toMatchObject({ code: 'VALIDACION' });
      await expect(e.core.invocar('ajustes.guardar', { tema: 'oscuro' })).rejects.toMatchObject({ code: 'VALIDACION' });
      // Nothing half-saved: the refused changes left the settings as they were.
      expect(await e.core['ajustes.leer']({})).toMatchObject({ servidor_url: s.api, idioma: 'es' });
    } finally {
      await e.cerrar();
    }
  });

  it('los valores que TI fija se muestran bloqueados y no se pueden cambiar; el archivo junto a la app manda', async () => {
    const dir = nuevoDirectorio('config-');
    const recursos = configuracion(dir, 'recursos.json', {
      servidor_url: 'http://127.0.0.1:10/api/v1',
      idioma: 'en',
      cache_documentos_mb: 100,
      // The shell's own keys live in the same file: the core leaves them alone.
      ventana: { ancho: 1200 },
    });
    const junto = configuracion(dir, 'junto.json', { servidor_url: s.api, bloqueados: ['servidor_url'] });
    const e = abrirEscritorio(SIN_SERVIDOR, {
      archivosConfiguracion: [recursos, junto, path.join(dir, 'no-existe.json')],
    });
    try {
      expect(await e.core['ajustes.leer']({})).toEqual({
        servidor_url: s.api,
        idioma: 'en',
        cache_documentos_mb: 100,
        bloqueados: ['servidor_url'],
      });
      await expect(
        e.core.invocar('ajustes.guardar', { servidor_url: 'https://otro.servidor.pa/api/v1' }),
      ).rejects.toMatchObject({
        code: 'PERMISO_DENEGADO',
        message: expect.stringContaining('la dirección del servidor'),
      });
      // A form sends every field: the fixed one unchanged is fine, and the rest is saved.
      expect(await e.core.invocar('ajustes.guardar', { servidor_url: `${s.api}/`, idioma: 'es' })).toMatchObject({
        servidor_url: s.api,
        idioma: 'es',
      });
      // The fixed URL is the one in use: login goes to the real server, not to the launcher's dead one.
      expect(await e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO })).toMatchObject({
        estado: 'activa',
      });
    } finally {
      await e.cerrar();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('un archivo de configuración inválido detiene el arranque con un mensaje claro', async () => {
    const dir = nuevoDirectorio('config-');
    const casos: [unknown, RegExp][] = [
      ['{ no es json', /no es JSON válido/],
      [{ servidor_url: 'ftp://x' }, /servidor_url: Debe ser una dirección http/],
      [{ bloqueados: ['idioma'] }, /fija el idioma pero no le da un valor/],
      [{ bloqueados: ['tema'] }, /bloqueados/],
    ];
    try {
      for (const [contenido, mensaje] of casos) {
        const archivo = configuracion(dir, 'configuracion.json', contenido);
        const datos = nuevoDirectorio();
        expect(() => createCore(opcionesEscritorio(datos, s.api, { archivosConfiguracion: [archivo] }))).toThrow(
          mensaje,
        );
        fs.rmSync(datos, { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('una nueva URL del servidor se aplica al núcleo en marcha, sin reiniciar', async () => {
    const e = abrirEscritorio(SIN_SERVIDOR);
    try {
      await expect(e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO })).rejects.toMatchObject({
        name: 'ErrorRed',
      });
      await e.core.invocar('ajustes.guardar', { servidor_url: s.api });
      expect(await e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO })).toMatchObject({
        estado: 'activa',
      });
      expect((await e.core['sync.ahora']({})).ultimo_error).toBeNull();
      // The officer's URL outlives a restart whose launcher still passes the dead one.
      const core = await e.reiniciar();
      expect((await core['ajustes.leer']({})).servidor_url).toBe(s.api);
    } finally {
      await e.cerrar();
    }
  });
});
