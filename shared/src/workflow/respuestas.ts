/**
 * How a workflow answer is stored and read back, for both stores of it: the server's workflow_respuestas table and the
 * desk's mirror of it. One answer, one typed slot (docs/workflow.md, Data model); what the engine's conditions see
 * is built from those slots the same way on both sides, so a case routes alike online and offline.
 */
import type { Valores } from './motor.js';
import type { ValorRespuesta } from './schemas.js';

// A type, not an interface, so it spreads into the desk's untyped rows (Record<string, unknown>) as well.
export type SlotsRespuesta = {
  valor_texto: string | null;
  valor_json: string | null;
  valor_fecha: string | null;
  valor_booleano: 0 | 1 | null;
  archivos: string | null;
};

/** A stored answer with the stage it was given in and its question's code; `fila` is the server's or the desk's row. */
export interface RespuestaGuardada<F extends object = object> {
  fila: F;
  etapa_id: string;
  codigo: string;
}

const leerJson = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : null);
const presente = (v: unknown) => v !== null && v !== undefined;

/** The typed slot an answer goes into: dates and text apart, booleans as 0/1, file lists and other values as JSON. */
export function slots(tipo: string, v: ValorRespuesta): SlotsRespuesta {
  const r: SlotsRespuesta = {
    valor_texto: null,
    valor_json: null,
    valor_fecha: null,
    valor_booleano: null,
    archivos: null,
  };
  if (v === null) return r;
  if (typeof v === 'string') return tipo === 'SELECCION_FECHA' ? { ...r, valor_fecha: v } : { ...r, valor_texto: v };
  if (typeof v === 'boolean') return { ...r, valor_booleano: v ? 1 : 0 };
  if (Array.isArray(v) && v.some((x) => typeof x === 'object')) return { ...r, archivos: JSON.stringify(v) };
  return { ...r, valor_json: JSON.stringify(v) };
}

/** A stored answer's value, from whichever slot holds it. */
export function valorDeFila(fila: object): ValorRespuesta {
  // The desk's mirror rows are untyped JSON: read every slot as unknown.
  const r = fila as { [K in keyof SlotsRespuesta]?: unknown };
  if (presente(r.valor_fecha)) return String(r.valor_fecha);
  if (presente(r.valor_texto)) return String(r.valor_texto);
  if (presente(r.valor_booleano)) return Boolean(r.valor_booleano);
  return leerJson<ValorRespuesta>(r.valor_json ?? r.archivos);
}

/** What conditions see: every stored answer by code, the current stage's own answers taking precedence. */
export function valoresDe(guardadas: RespuestaGuardada[], etapaActualId: string | null): Valores {
  const valores: Valores = {};
  const orden = [
    ...guardadas.filter((g) => g.etapa_id !== etapaActualId),
    ...guardadas.filter((g) => g.etapa_id === etapaActualId),
  ];
  for (const g of orden) valores[g.codigo] = valorDeFila(g.fila);
  return valores;
}
