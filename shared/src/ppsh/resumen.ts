/**
 * The denormalised titular and search columns of a PPSH case, recomputed whenever its people change: the server
 * (registrar.ts and editar.ts in server/src/modules/ppsh/casos-de-uso/) and the desk (main/src/core/comandos/ppsh.ts)
 * compute them alike, so a case is found by the same words before and after sync.
 */
import { nombreCompleto, normalizarBusqueda } from '../texto.js';

export interface PersonaResumen {
  es_titular: number | boolean;
  num_documento: string;
  primer_nombre: string;
  segundo_nombre?: string | null;
  primer_apellido: string;
  segundo_apellido?: string | null;
}

/** `num` is null while the case waits for its server number; the provisional reference keeps it searchable. */
export function resumenPersonas(num: string | null, referencia: string | null, personas: PersonaResumen[]) {
  const titular = personas.find((p) => p.es_titular) ?? personas[0]!;
  const texto = [num ?? '', referencia ?? '', ...personas.flatMap((p) => [nombreCompleto(p), p.num_documento])].join(
    ' ',
  );
  return {
    nombre_titular: nombreCompleto(titular),
    documento_titular: titular.num_documento,
    total_personas: personas.length,
    texto_busqueda: normalizarBusqueda(texto).slice(0, 4000),
  };
}
