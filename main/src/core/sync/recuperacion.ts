/**
 * When the server's history changes under the desk (restored from a backup, replaced by a copy, rebuilt; docs/sync.md
 * "Restore"): the commands the desk had confirmed in the lost history go back into the queue from the journal, ahead of
 * anything newer, the mirror is rebuilt from the new history, and the officer is told what was sent again, what the
 * server refused and which cases got another number than the one on the receipt.
 */
import type { AvisoRecuperacion } from '#shared/bridge/tipos';
import type { ResultadoComando } from '#shared/sync/protocolo';
import type { ComandoOutbox, Outbox } from '../store/outbox.js';
import type { EstadoPersistente } from './estado.js';
import { vaciarEspejo, type DependenciasPull } from './pull.js';

export type DependenciasRecuperacion = DependenciasPull & { outbox: Outbox; reloj: () => Date };

export interface Reinicio {
  motivo: string;
  mensaje: string;
}

const MENSAJE_EPOCA =
  'El servidor fue restaurado o reemplazado: los expedientes se descargan de nuevo y se reenvía lo que usted ya había sincronizado';

/**
 * Does an answer from the server (`epoca`, plus `reset` when the server asked for one) mean this desk must start over?
 * True when it reset: the caller stops what it was doing (a pull page from another history is not applied) and pushes
 * the re-queued commands before pulling from the start.
 */
export function alResponder(d: DependenciasRecuperacion, epoca: string | undefined, reset?: Reinicio): boolean {
  const conocida = d.estado.epoca;
  // Pull from the start after a reset for another reason (the officer's office changed) may reach a new history too.
  const otraEpoca = conocida !== null && epoca !== undefined && epoca !== conocida;
  if (!reset && !otraEpoca) {
    if (conocida === null && epoca) d.estado.epoca = epoca;
    return false;
  }
  // A cursor ahead of the head in the same history: restored without the tooling, which could not name it. Every
  // journaled command goes again (the server answers the ones it holds from their stored outcome).
  const sinNombre = reset?.motivo === 'CURSOR_DESCONOCIDO';
  const restaurado = otraEpoca || sinNombre;
  d.espejo.db.transaction(() => {
    const reenviados = restaurado ? d.outbox.reencolarDiario(sinNombre ? null : (epoca ?? null)) : 0;
    vaciarEspejo(d);
    if (epoca) d.estado.epoca = epoca;
    if (restaurado) {
      const previo = d.estado.recuperacion;
      d.estado.recuperacion = {
        fecha: d.reloj().toISOString(),
        mensaje: reset?.mensaje ?? MENSAJE_EPOCA,
        reenviados: (previo?.reenviados ?? 0) + reenviados,
        aceptados: previo?.aceptados ?? 0,
        renumerados: previo?.renumerados ?? [],
      };
    }
  })();
  return true;
}

/** A re-sent command came back applied: counted, and its case number compared with the one on the receipt. */
export function anotarReenvio(estado: EstadoPersistente, c: ComandoOutbox, r: ResultadoComando): void {
  const aviso = estado.recuperacion;
  if (!aviso || !c.reenvio || r.status !== 'applied') return;
  aviso.aceptados++;
  const anterior = c.reenvio.num_expediente;
  const nuevo = r.result?.num_expediente;
  if (anterior && nuevo && nuevo !== anterior)
    aviso.renumerados.push({
      id: r.result!.id,
      referencia: typeof c.args.referencia_provisional === 'string' ? c.args.referencia_provisional : null,
      anterior,
      nuevo,
    });
  estado.recuperacion = aviso;
}

/** The notice as shown: what is still waiting and what the server refused come from the outbox as it stands. */
export function avisoActual(estado: EstadoPersistente, outbox: Outbox): AvisoRecuperacion | null {
  const aviso = estado.recuperacion;
  if (!aviso) return null;
  const { pendientes, rechazados } = outbox.reenvios();
  return { ...aviso, pendientes, rechazados };
}
