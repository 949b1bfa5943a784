/**
 * One name per action (docs/glosario.md): every sync command is named as the bridge method that queues it, so an
 * action reads the same from the renderer's call to the server's push log. A new command under another name fails here.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { METODOS_PUENTE, type MetodoPuente } from '#shared/bridge/contrato';
import { NOMBRES_COMANDO, type NombreComando } from '#shared/sync/protocolo';
import { PERMISOS } from '#shared/roles';

/** Compiles only while every command name is also a bridge method name. */
const _cadaComandoEsMetodo: NombreComando extends MetodoPuente ? true : false = true;

describe('un nombre por acción', () => {
  it('cada comando de sincronización se llama como el método del puente que lo encola', () => {
    expect(NOMBRES_COMANDO.filter((n) => !(METODOS_PUENTE as string[]).includes(n))).toEqual([]);
  });

  it('ningún comando se llama como un permiso (un nombre, un significado)', () => {
    const permisos = Object.keys(PERMISOS);
    expect(NOMBRES_COMANDO.filter((n) => permisos.includes(n))).toEqual([]);
  });

  it('el glosario nombra cada comando', async () => {
    const glosario = await readFile(new URL('../../docs/glosario.md', import.meta.url), 'utf8');
    expect(NOMBRES_COMANDO.filter((n) => !glosario.includes(`\`${n}\``))).toEqual([]);
  });
});
