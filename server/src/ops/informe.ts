/** What an ops command tells the operator: Spanish lines on stdout, problems on stderr, and the exit code. */
export interface Informe {
  ok(mensaje: string): void;
  problema(mensaje: string): void;
  readonly problemas: number;
}

export function informeConsola(): Informe {
  let problemas = 0;
  return {
    ok: (mensaje) => console.log(`✔ ${mensaje}`),
    problema: (mensaje) => {
      problemas++;
      console.error(`✘ ${mensaje}`);
    },
    get problemas() {
      return problemas;
    },
  };
}

/** One line for IT after a new sync epoch: what desks will see and where each number counter now stands. */
export function resumenEpoca(e: {
  epoca: string;
  anterior: string | null;
  contadores: { nombre: string; anio: number; valor: number }[];
}): string {
  const contadores = e.contadores.map((c) => `${c.nombre}-${c.anio} → ${c.valor}`).join(', ');
  return (
    `Nueva época de sincronización ${e.epoca} (antes ${e.anterior ?? 'ninguna'}): los escritorios se reinician y ` +
    `reenvían lo que habían sincronizado. Contadores de números avanzados: ${contadores || 'ninguno'}`
  );
}
