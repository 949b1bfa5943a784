/**
 * The JSON body parser. Besides the size limit it refuses bodies nested deeper than any real request: JSON.parse copes
 * with thousands of levels, but JSON.stringify, zod and the audit trail recurse and would overflow the stack later.
 */
import express from 'express';

/** The deepest real body (a sync push: comandos → args → solicitantes → fields) is under 10 levels. */
export const MAX_ANIDAMIENTO = 64;

const ABRE = new Set([0x5b, 0x7b]); // [ {
const CIERRA = new Set([0x5d, 0x7d]); // ] }
const COMILLA = 0x22;
const BARRA_INVERSA = 0x5c;

/** Deepest [ / { nesting of a JSON text, brackets inside strings ignored; stops counting once past `tope`. */
export function anidamiento(bytes: Uint8Array, tope = Infinity): number {
  let nivel = 0;
  let maximo = 0;
  let enCadena = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (enCadena) {
      if (b === BARRA_INVERSA) i++;
      else if (b === COMILLA) enCadena = false;
    } else if (b === COMILLA) enCadena = true;
    else if (ABRE.has(b)) {
      if (++nivel > maximo && (maximo = nivel) > tope) return maximo;
    } else if (CIERRA.has(b)) nivel--;
  }
  return maximo;
}

/** body-parser keeps `status` and `type` of an error thrown by `verify`; respuesta-error.ts gives it its message. */
function limitarAnidamiento(_req: unknown, _res: unknown, buf: Buffer) {
  if (anidamiento(buf, MAX_ANIDAMIENTO) > MAX_ANIDAMIENTO)
    throw Object.assign(new Error('JSON nested too deep'), { status: 400, type: 'entity.too.deep' });
}

export const cuerpoJson = (limite: string) => express.json({ limit: limite, verify: limitarAnidamiento });
