/**
 * Issue 8 item 6, the class: every constraint refusal of either engine is a client error with a stable code (DUPLICADO
 * or VALIDACION), which REST answers 409/422 and sync stores as a rejection; anything else is left alone.
 */
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { escribir, rechazoDeRestriccion } from '../../server/src/db/restricciones.js';

describe('rechazos de restricciones de la base', () => {
  it('SQLite real: clave repetida, referencia inexistente, NULL y CHECK', () => {
    const db = new SQLite(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(`create table padre (id text primary key, codigo text unique);
             create table hijo (id text primary key, padre_id text not null references padre(id), n int check (n > 0));
             insert into padre values ('p1', 'A');`);
    const codigo = (sql: string) => {
      try {
        db.exec(sql);
      } catch (e) {
        return rechazoDeRestriccion(e)?.code;
      }
      return 'sin error';
    };
    expect(codigo(`insert into padre values ('p1', 'B')`)).toBe('DUPLICADO');
    expect(codigo(`insert into padre values ('p2', 'A')`)).toBe('DUPLICADO');
    expect(codigo(`insert into hijo values ('h1', 'nadie', 1)`)).toBe('VALIDACION');
    expect(codigo(`insert into hijo values ('h1', null, 1)`)).toBe('VALIDACION');
    expect(codigo(`insert into hijo values ('h1', 'p1', 0)`)).toBe('VALIDACION');
    expect(codigo(`select * from tabla_que_no_existe`)).toBeUndefined();
    db.close();
  });

  it('SQL Server (errores simulados con la forma de tedious: no hay servidor aquí): 2627, 2601, 547, 515, 8152', () => {
    const tedious = (number: number) => Object.assign(new Error(`error ${number}`), { number, name: 'RequestError' });
    expect([2627, 2601].map((n) => rechazoDeRestriccion(tedious(n))?.code)).toEqual(['DUPLICADO', 'DUPLICADO']);
    expect([547, 515, 8152].map((n) => rechazoDeRestriccion(tedious(n))?.code)).toEqual(Array(3).fill('VALIDACION'));
    expect(rechazoDeRestriccion(tedious(1205))).toBeUndefined(); // a deadlock victim is worth a retry
  });

  it('escribir deja pasar los demás errores tal cual', async () => {
    const otro = new Error('conexión perdida');
    await expect(escribir(() => Promise.reject(otro))).rejects.toBe(otro);
  });
});
