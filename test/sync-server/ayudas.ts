/** Builders for the sync tests: commands as a desktop makes them, a case registered offline, a full pull. */
import { v7 as uuidv7 } from 'uuid';
import type { ArgsComando, Cambio, Comando, NombreComando, PullRespuesta } from '#shared/sync/protocolo';
import { solicitud, titular } from '../helpers/datos.js';
import { afterAll, beforeAll } from 'vitest';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

export const CLIENTE = 'escritorio-prueba';

export function comando<N extends NombreComando>(
  name: N,
  args: ArgsComando<N>,
  extra: { baseVersion?: number; mutationId?: string } = {},
): Extract<Comando, { name: N }> {
  return {
    mutationId: extra.mutationId ?? uuidv7(),
    clientId: CLIENTE,
    name,
    args,
    ...(extra.baseVersion ? { baseVersion: extra.baseVersion } : {}),
  } as unknown as Extract<Comando, { name: N }>;
}

export function solicitudOffline(referencia = `PROV-${uuidv7().slice(-8)}`): ArgsComando<'ppsh.registrar'> {
  const unico = uuidv7().slice(-7).toUpperCase();
  return {
    ...solicitud({ tipo_solicitud: 'INDIVIDUAL', solicitantes: [titular({ num_documento: `VE${unico}` })] }),
    id: uuidv7(),
    referencia_provisional: referencia,
  } as ArgsComando<'ppsh.registrar'>;
}

export async function empujar(api: string, token: string, comandos: Comando[]) {
  return cliente(token).post(`${api}/sync/push`, { clientId: CLIENTE, comandos });
}

/** Pulls page after page until hasMore is false; returns every change and the last cursor. */
export async function pullCompleto(api: string, token: string, cursor = '0', limit = 5000) {
  const cambios: Cambio[] = [];
  let paginas = 0;
  for (;;) {
    const r = await cliente(token).get(`${api}/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`);
    if (r.status !== 200) throw new Error(`pull ${r.status}: ${JSON.stringify(r.body)}`);
    const p = r.body as PullRespuesta;
    cambios.push(...p.changes);
    cursor = p.nextCursor;
    paginas++;
    if (!p.hasMore) return { cambios, cursor, paginas };
  }
}

/** One real server per test file (temp SQLite, demo data) and each demo user's token, logged in once. */
export function servidorCompartido() {
  let s: ServidorDePrueba | undefined;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await iniciarServidor();
  });
  afterAll(() => s?.cerrar());
  const servidor = () => s!;
  return {
    servidor,
    token: async (usuario: string) => (tokens[usuario] ??= (await servidor().login(usuario)).access_token),
  };
}
