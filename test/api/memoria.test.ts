/** The bounded map behind the in-memory caches, and the kept SQLite statements (docs/rendimiento-api.md). */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { conSentenciasReutilizadas } from '../../server/src/db/sentencias.js';
import { Recientes } from '../../server/src/memoria/recientes.js';

describe('Recientes', () => {
  it('olvida primero lo usado hace más tiempo y nunca pasa de su peso máximo', () => {
    const r = new Recientes<string>(10, (v) => v.length);
    r.set('a', 'aaaa');
    r.set('b', 'bbbb');
    expect(r.get('a')).toBe('aaaa'); // now b is the oldest use
    r.set('c', 'cccc');
    expect(r.get('b')).toBeUndefined();
    expect(r.get('a')).toBe('aaaa');
    expect(r.get('c')).toBe('cccc');
    r.set('grande', 'x'.repeat(11)); // heavier than the whole map: not kept, nothing evicted for it
    expect(r.get('grande')).toBeUndefined();
    expect(r.tamano).toBe(2);
  });
});

describe('sentencias reutilizadas', () => {
  it('la misma SQL reutiliza su sentencia; una ocupada en un recorrido da paso a otra nueva', () => {
    const sqlite = new Database(':memory:');
    const db = conSentenciasReutilizadas(sqlite, 2);
    db.prepare('create table t (n integer)').run([]);
    db.prepare('insert into t values (1), (2)').run([]);
    const leer = 'select n from t order by n';
    const primera = db.prepare(leer);
    expect(db.prepare(leer)).toBe(primera);
    const recorrido = primera.iterate([]);
    recorrido.next();
    const otra = db.prepare(leer);
    expect(otra).not.toBe(primera);
    recorrido.return?.();
    expect(db.prepare(leer)).toBe(primera);
    db.close();
  });
});
