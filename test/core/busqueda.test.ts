/**
 * Local search over the caseload (FTS5), on a real store file: rows arrive as a pull would deliver them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consultarExpedientes } from '../../main/src/core/caseload/consultas.js';
import { abrirStore, type Sqlite } from '../../main/src/core/store/abrir.js';
import { IndiceBusqueda } from '../../main/src/core/store/busqueda.js';
import { Espejo } from '../../main/src/core/store/espejo.js';
import { ConsultaExpedientes } from '../../shared/src/bridge/contrato.js';
import { nuevoDirectorio } from './helpers/escritorio.js';
import path from 'node:path';
import fs from 'node:fs';

let dir: string;
let db: Sqlite;
let espejo: Espejo;
let indice: IndiceBusqueda;

/** A case as the server sends it, with its titular. */
function caso(
  id: string,
  num: string,
  titular: { nombre: string; apellido: string; documento: string },
  referencia: string | null = null,
) {
  const sid = `${id}-0000-7000-8000-000000000000`;
  espejo.aplicarRemota('ppsh_solicitudes', sid, 1, {
    id: sid,
    num_expediente: num,
    referencia_provisional: referencia,
    estado_actual: 'RECIBIDO',
    prioridad: 'NORMAL',
    cod_agencia: '02',
    fecha_solicitud: '2026-03-01',
    fecha_estado: '2026-03-01T15:00:00.000Z',
    nombre_titular: `${titular.nombre} ${titular.apellido}`,
    documento_titular: titular.documento,
    total_personas: 1,
    activo: 1,
    version: 1,
    updated_at: '2026-03-01T15:00:00.000Z',
  });
  espejo.aplicarRemota('ppsh_solicitantes', `${sid}-p`, 1, {
    id: `${sid}-p`,
    solicitud_id: sid,
    es_titular: 1,
    primer_nombre: titular.nombre,
    primer_apellido: titular.apellido,
    num_documento: titular.documento,
    activo: 1,
    version: 1,
  });
  indice.reindexar([sid]);
}

const buscar = (texto: string) =>
  consultarExpedientes(db, ConsultaExpedientes.parse({ buscar: texto })).items.map((i) => i.numero);

beforeEach(() => {
  dir = nuevoDirectorio('busqueda-');
  db = abrirStore(path.join(dir, 'tramites.db'));
  espejo = new Espejo(db);
  indice = new IndiceBusqueda(db);
  caso('00000001', 'PPSH-2026-000123', { nombre: 'José', apellido: 'Pérez Núñez', documento: 'PA1234567' });
  caso('00000002', 'PPSH-2026-000124', { nombre: 'María', apellido: 'Gómez', documento: '8-123-4567' });
  caso(
    '00000003',
    'PPSH-2025-000999',
    { nombre: 'Jose', apellido: 'Peralta', documento: 'V20111222' },
    'PROV-02-AB12CD34',
  );
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('búsqueda local del expediente', () => {
  it('encuentra nombres sin importar tildes ni mayúsculas', () => {
    expect(buscar('perez')).toEqual(['PPSH-2026-000123']);
    expect(buscar('PÉREZ josé')).toEqual(['PPSH-2026-000123']);
    expect(buscar('nunez')).toEqual(['PPSH-2026-000123']);
    expect(buscar('gomez maria')).toEqual(['PPSH-2026-000124']);
  });

  it('encuentra por el comienzo de un nombre mientras el funcionario escribe', () => {
    expect(buscar('jos per').sort()).toEqual(['PPSH-2025-000999', 'PPSH-2026-000123']);
    expect(buscar('pera')).toEqual(['PPSH-2025-000999']);
  });

  it('encuentra números de documento parciales', () => {
    expect(buscar('4567').sort()).toEqual(['PPSH-2026-000123', 'PPSH-2026-000124']);
    expect(buscar('pa12345')).toEqual(['PPSH-2026-000123']);
    expect(buscar('111222')).toEqual(['PPSH-2025-000999']);
  });

  it('encuentra por número de expediente completo o parcial y por referencia provisional', () => {
    expect(buscar('PPSH-2026-000124')).toEqual(['PPSH-2026-000124']);
    expect(buscar('2026-00012').sort()).toEqual(['PPSH-2026-000123', 'PPSH-2026-000124']);
    expect(buscar('AB12CD')).toEqual(['PPSH-2025-000999']);
  });

  it('combina términos: todos deben coincidir', () => {
    expect(buscar('jose 999')).toEqual(['PPSH-2025-000999']);
    expect(buscar('maria 1234567')).toEqual([]);
  });

  it('una persona que cambia de nombre deja de encontrarse por el anterior', () => {
    const sid = '00000002-0000-7000-8000-000000000000';
    espejo.aplicarRemota('ppsh_solicitantes', `${sid}-p`, 2, {
      id: `${sid}-p`,
      solicitud_id: sid,
      es_titular: 1,
      primer_nombre: 'María',
      primer_apellido: 'Castillo',
      num_documento: '8-123-4567',
      activo: 1,
      version: 2,
    });
    indice.reindexar([sid]);
    expect(buscar('gomez')).toEqual([]);
    expect(buscar('castillo')).toEqual(['PPSH-2026-000124']);
  });
});
