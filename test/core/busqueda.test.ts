/**
 * Local search over the caseload (FTS5), on a real store file: rows arrive as a pull would deliver them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consultarExpedientes } from '../../main/src/core/caseload/consultas.js';
import { abrirStore, type Sqlite } from '../../main/src/core/store/abrir.js';
import { IndiceBusqueda } from '../../main/src/core/store/busqueda.js';
import { Espejo } from '../../main/src/core/store/espejo.js';
import { ConsultaExpedientes, LIMITE_CONTEO } from '#shared/bridge/contrato';
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
  fecha = '2026-03-01',
) {
  const sid = `${id}-0000-7000-8000-000000000000`;
  espejo.aplicarRemota('ppsh_solicitudes', sid, 1, {
    id: sid,
    num_expediente: num,
    referencia_provisional: referencia,
    estado_actual: 'RECIBIDO',
    prioridad: 'NORMAL',
    cod_agencia: '02',
    fecha_solicitud: fecha,
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

/** A workflow case as the server sends it, and its template as a catalog row. */
function tramite(id: string, num: string | null, referencia: string, titular: string, documento: string) {
  espejo.aplicarRemota('workflows', 'wf-1', 1, { id: 'wf-1', codigo: 'VISA_TURISTA_SIMPLE', activo: 1 });
  espejo.aplicarRemota('workflow_instancias', id, 1, {
    id,
    workflow_id: 'wf-1',
    num_expediente: num,
    referencia_provisional: referencia,
    nombre_titular: titular,
    documento_titular: documento,
    estado: 'EN_PROGRESO',
    etapa_actual_nombre: 'Documentos',
    prioridad: 'URGENTE',
    cod_agencia: '02',
    fecha_apertura: '2026-03-02',
    fecha_fin: null,
    activo: 1,
    version: 1,
    updated_at: '2026-03-02T15:00:00.000Z',
  });
  indice.reindexar([id]);
}

describe('la bandeja local con trámites de workflow', () => {
  it('lista un trámite junto a los expedientes PPSH y lo encuentra por titular, documento, número y referencia', () => {
    tramite('wf-caso-1', 'WF-VISA_TURISTA_SIMPLE-2026-000007', 'PROV-02-77AA88BB', 'José Peñalba', 'CO9876543');
    const todos = consultarExpedientes(db, ConsultaExpedientes.parse({}));
    expect(todos.total).toBe(4);
    expect(todos.items[0]).toMatchObject({
      tipo: 'WORKFLOW',
      workflow_codigo: 'VISA_TURISTA_SIMPLE',
      etapa: 'Documentos',
      estado: { codigo: 'EN_PROGRESO', nombre: 'En progreso · Documentos', es_final: false },
      numero: 'WF-VISA_TURISTA_SIMPLE-2026-000007',
    });
    for (const texto of ['penalba', 'jose pen', '9876543', 'VISA_TURISTA_SIMPLE-2026-00000', '77AA88'])
      expect(buscar(texto)).toContain('WF-VISA_TURISTA_SIMPLE-2026-000007');
    expect(buscar('jose').sort()).toEqual([
      'PPSH-2025-000999',
      'PPSH-2026-000123',
      'WF-VISA_TURISTA_SIMPLE-2026-000007',
    ]);
    expect(
      consultarExpedientes(db, ConsultaExpedientes.parse({ buscar: 'jose', tipo: 'PPSH' })).items.map((i) => i.tipo),
    ).toEqual(['PPSH', 'PPSH']);
    // URGENTE sorts above the PPSH cases' NORMAL.
    expect(consultarExpedientes(db, ConsultaExpedientes.parse({ orden: 'prioridad' })).items[0]?.tipo).toBe('WORKFLOW');
  });
});

describe('una búsqueda amplia en una bandeja grande', () => {
  const MUCHOS = LIMITE_CONTEO + 50;
  beforeEach(() => {
    db.transaction(() => {
      for (let i = 0; i < MUCHOS; i++)
        caso(
          `1${String(i).padStart(7, '0')}`,
          `PPSH-2026-1${String(i).padStart(5, '0')}`,
          { nombre: 'Ana', apellido: 'Rodríguez', documento: `R${i}` },
          null,
          `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        );
    })();
  });

  const pagina = (extra: Record<string, unknown>) =>
    consultarExpedientes(db, ConsultaExpedientes.parse({ buscar: 'rodriguez', limite: 20, ...extra }));

  it('cuenta hasta el límite y avisa que hay más; el conteo exacto se pide aparte', () => {
    expect(pagina({})).toMatchObject({ total: LIMITE_CONTEO, total_es_minimo: true });
    expect(pagina({ contar_exacto: true })).toMatchObject({ total: MUCHOS, total_es_minimo: false });
    expect(pagina({ buscar: 'ana rodriguez r1049' })).toMatchObject({ total: 1, total_es_minimo: false });
  });

  it('la página por fecha (recorriendo el índice de fechas) es la de ordenar todas las coincidencias', () => {
    // Read every match in another order (by rid, not by the date index), then sort them here.
    const todas = [0, 500, 1000].flatMap(
      (desplazamiento) => pagina({ orden: 'numero', limite: 500, desplazamiento }).items,
    );
    const esperado = todas
      .sort((a, b) => b.fecha_solicitud.localeCompare(a.fecha_solicitud) || b.id.localeCompare(a.id))
      .map((i) => i.id);
    expect(esperado).toHaveLength(MUCHOS);
    for (const desplazamiento of [0, 20, 980, 1040])
      expect(pagina({ desplazamiento }).items.map((i) => i.id)).toEqual(
        esperado.slice(desplazamiento, desplazamiento + 20),
      );
  });
});
