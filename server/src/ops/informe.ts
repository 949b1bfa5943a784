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
