/** Opening a case by what is printed on paper: its number or provisional reference (scanner, or typed + Enter). */
import type { PuenteRenderer } from '#shared/bridge/contrato';
import type { ExpedienteResumen } from '#shared/bridge/tipos';
import type { Destino } from './navegacion';

export function destinoDeCaso(c: Pick<ExpedienteResumen, 'id' | 'tipo'>): Destino {
  return c.tipo === 'WORKFLOW' ? { pantalla: 'tramite', id: c.id } : { pantalla: 'expediente', id: c.id };
}

/** The case whose number or reference is exactly `codigo` (a search may also match names: those do not count). */
export async function buscarCasoPorCodigo(
  puente: Pick<PuenteRenderer, 'expedientes.consultar'>,
  codigo: string,
): Promise<Destino | null> {
  const buscado = codigo.trim().toUpperCase();
  const pagina = await puente['expedientes.consultar']({ buscar: buscado, limite: 10 });
  const caso = pagina.items.find((c) =>
    [c.numero, c.num_expediente, c.referencia_provisional].some((v) => v?.toUpperCase() === buscado),
  );
  return caso ? destinoDeCaso(caso) : null;
}
