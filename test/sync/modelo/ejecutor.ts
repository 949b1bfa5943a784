/**
 * Runs one history against the real system: the API process over a copy of the demo database, one process per desk
 * behind its own cuttable cable, the ops CLI for backups and restores. Records in the model what each desk confirmed
 * and every case number seen after each step; at the end brings every cable up, restarts and signs in every desk, syncs
 * them all until nothing moves, and checks the model's properties. Every process and folder is gone when it returns.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ComandoFallido, EstadoSesion, EstadoSync } from '#shared/bridge/tipos';
import type { Rol } from '#shared/roles';
import { PASSWORD_DEMO } from '../../helpers/servidor.js';
import { nuevoDirectorio } from '../../core/helpers/escritorio.js';
import { filasDelServidor, leerStore } from '../helpers/espejo-y-servidor.js';
import { crearRed, type Red } from '../helpers/red.js';
import { accionPara, realizar } from './acciones.js';
import type { Corte, Historia, Paso } from './historia.js';
import { Modelo, type AvisoRecuperacionVisto, type InformeEscritorio, type InformeServidor } from './modelo.js';
import {
  ErrorEscritorio,
  EscritorioEnProceso,
  ServidorEnProceso,
  type ErrorLlamada,
  type Programas,
} from './procesos.js';

export interface OpcionesEjecucion {
  /** Attachments may be executables renamed .pdf (refused by the server on upload). */
  archivosRechazados: boolean;
  /** Each line of the log as it happens (the soak prints them with --verbose). */
  alRegistrar?: (linea: string) => void;
}

export interface Resultado {
  violaciones: string[];
  bitacora: string[];
  confirmados: number;
}

interface Puesto {
  usuario: string;
  rol: Rol;
  oficina: string;
  proc: EscritorioEnProceso;
  red: Red;
  dir: string;
  desfaseMs: number;
  redArriba: boolean;
}

const CORTES: Record<Corte, string> = {
  red: 'red cortada',
  muerte: 'SIGKILL del escritorio',
  servidor: 'SIGKILL de la API',
};

const aviso = (e: EstadoSync) => (e as { recuperacion?: AvisoRecuperacionVisto | null }).recuperacion;

/** Rounds of "every desk syncs" before the history is declared unable to settle. */
const MAX_RONDAS = 8;

const comoError = (e: unknown): ErrorLlamada =>
  e instanceof ErrorEscritorio ? { code: e.code, message: e.message } : { code: 'ERROR_INTERNO', message: String(e) };

function leer<T>(archivo: string, fn: (db: Database.Database) => T): T {
  const db = new Database(archivo, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export async function ejecutar(
  h: Historia,
  programas: Programas,
  directorioServidor: string,
  o: OpcionesEjecucion,
): Promise<Resultado> {
  const modelo = new Modelo();
  const bitacora: string[] = [];
  const t0 = Date.now();
  const registrar = (linea: string) => {
    linea = `${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s ${linea}`;
    bitacora.push(linea);
    o.alRegistrar?.(linea);
  };
  const servidor = await ServidorEnProceso.crear(programas.servidor, directorioServidor);
  const puestos: Puesto[] = [];
  let respaldo: string | null = null;
  let tokens = 0;
  /** office → ids of its analysts (read once from the server database). */
  const analistas = new Map<string, string[]>();

  async function activo(p: Puesto): Promise<boolean> {
    if (!p.proc.vivo) await p.proc.arrancar(p.desfaseMs);
    const e = await p.proc.llamar<EstadoSesion>('sesion.estado');
    if (e.estado === 'activa') return true;
    if (e.estado === 'bloqueada' && !e.motivo) {
      const r = await p.proc.llamar('sesion.desbloquear', { password: PASSWORD_DEMO }).catch(comoError);
      if (!r || !('code' in (r as object))) return true;
      registrar(`      ${p.usuario}: desbloqueo rechazado (${(r as ErrorLlamada).code})`);
    }
    if (!p.redArriba) return false;
    const r = await p.proc.llamar('sesion.login', { username: p.usuario, password: PASSWORD_DEMO }).catch(comoError);
    if (r && 'code' in (r as object)) {
      registrar(`      ${p.usuario}: login rechazado (${(r as ErrorLlamada).code})`);
      return false;
    }
    return true;
  }

  function observarNumeros(paso: string) {
    if (fs.existsSync(servidor.archivo))
      for (const f of leer(
        servidor.archivo,
        (db) =>
          db
            .prepare(
              'select id, num_expediente as n from ppsh_solicitudes union all select id, num_expediente from workflow_instancias',
            )
            .all() as { id: string; n: string }[],
      ))
        modelo.verNumero(f.n, f.id, `servidor, paso ${paso}`);
    for (const [i, p] of puestos.entries())
      if (fs.existsSync(p.proc.archivo))
        for (const f of leer(
          p.proc.archivo,
          (db) =>
            db
              .prepare(
                `select id, datos->>'num_expediente' as n from ppsh_solicitudes
               union all select id, datos->>'num_expediente' from workflow_instancias`,
              )
              .all() as { id: string; n: string | null }[],
        ))
          modelo.verNumero(f.n, f.id, `escritorio #${i}, paso ${paso}`);
  }

  const resumen = (e: EstadoSync) => {
    const a = aviso(e) as (AvisoRecuperacionVisto & { reenviados?: number }) | null | undefined;
    const recuperacion = a
      ? `, aviso de restauración: ${a.reenviados ?? '?'} reenviados, ${a.rechazados?.length ?? 0} rechazados, ${a.renumerados?.length ?? 0} renumerados`
      : '';
    return `pendientes ${e.pendientes}, fallidos ${e.fallidos}${e.ultimo_error ? `, error ${e.ultimo_error.code}` : ''}${recuperacion}`;
  };

  async function paso(i: number, s: Paso): Promise<void> {
    const p = 'e' in s ? puestos[s.e]! : null;
    const pre = `${String(i).padStart(3)} ${'e' in s ? `#${s.e} ` : ''}`;
    switch (s.t) {
      case 'accion': {
        const accion = accionPara(p!.rol, s.accion);
        if (!(await activo(p!))) return registrar(`${pre}${p!.usuario} ${accion}: omitida (sin sesión)`);
        const token = `M${++tokens}`;
        try {
          const hecho = await realizar(accion, {
            llamar: (m, a) => p!.proc.llamar(m, a),
            rol: p!.rol,
            token,
            a: s.a,
            b: s.b,
            ahora: new Date(Date.now() + p!.desfaseMs),
            archivosRechazados: o.archivosRechazados,
            analistas: analistas.get(p!.oficina) ?? [],
          });
          if ('omitida' in hecho) return registrar(`${pre}${p!.usuario} ${accion}: omitida (${hecho.omitida})`);
          if ('descartado' in hecho) {
            modelo.resolver(hecho.descartado);
            return registrar(`${pre}${p!.usuario} ${accion} ${hecho.descartado}`);
          }
          if (hecho.resuelto) modelo.resolver(hecho.resuelto);
          modelo.confirmar({
            mutationId: hecho.encolado.mutationId,
            escritorio: s.e,
            nombre: accion,
            paso: i,
            token,
            creado: hecho.creado,
            archivoRechazable: hecho.archivoRechazable,
          });
          const disfrazado = hecho.archivoRechazable ? ' (un ejecutable con extensión .pdf)' : '';
          return registrar(
            `${pre}${p!.usuario} ${accion} ${token}${disfrazado} confirmado ${hecho.encolado.mutationId}`,
          );
        } catch (e) {
          const { code, message } = comoError(e);
          if (code === 'ERROR_INTERNO' || code === 'ESCRITORIO_MUERTO') throw e;
          modelo.rechazoLocal(code);
          return registrar(`${pre}${p!.usuario} ${accion} ${token}: rechazado en el escritorio (${code}: ${message})`);
        }
      }
      case 'sync': {
        if (!(await activo(p!))) return registrar(`${pre}${p!.usuario} sync: omitido (sin sesión)`);
        const corte = s.corte;
        let cortado: Promise<void> | null = null;
        const desarmar = corte
          ? p!.red.alCruzar(corte.bytes, () => {
              if (corte.tipo === 'red') {
                p!.red.cortar();
                p!.redArriba = false;
                cortado = Promise.resolve();
              } else if (corte.tipo === 'muerte') cortado = p!.proc.matar();
              else cortado = servidor.detener('SIGKILL');
            })
          : () => undefined;
        const r = await p!.proc.llamar<EstadoSync>('sync.ahora').catch(comoError);
        if (!('code' in r)) modelo.verAviso(s.e, aviso(r));
        desarmar();
        if (cortado) await cortado;
        // The API crashed under the exchange: it comes back at once, as its supervisor (systemd, compose) would restart it.
        if (cortado && corte?.tipo === 'servidor') await servidor.arrancar();
        const como = cortado ? ` (${CORTES[corte!.tipo]} en pleno intercambio)` : '';
        return registrar(`${pre}${p!.usuario} sync${como}: ${'code' in r ? (r as ErrorLlamada).code : resumen(r)}`);
      }
      case 'red':
        if (s.arriba) p!.red.restablecer();
        else p!.red.cortar();
        p!.redArriba = s.arriba;
        return registrar(`${pre}${p!.usuario} red ${s.arriba ? 'arriba' : 'cortada'}`);
      case 'matar':
        await p!.proc.matar();
        return registrar(`${pre}${p!.usuario} SIGKILL`);
      case 'reloj':
        p!.desfaseMs += s.minutos * 60_000;
        if (p!.proc.vivo) await p!.proc.llamar('_reloj', { desfaseMs: p!.desfaseMs });
        return registrar(
          `${pre}${p!.usuario} reloj ${s.minutos} min (desfase ${Math.round(p!.desfaseMs / 60_000)} min)`,
        );
      case 'reiniciarServidor':
        await servidor.detener(s.senal);
        await servidor.arrancar();
        return registrar(`${pre}servidor reiniciado (${s.senal})`);
      case 'respaldar': {
        const archivo = path.join(servidor.dir, `respaldo-${i}.db`);
        await servidor.ops(programas.ops, 'backup', '--out', archivo);
        respaldo = archivo;
        return registrar(`${pre}respaldo ${path.basename(archivo)}`);
      }
      case 'restaurar': {
        if (!respaldo) return registrar(`${pre}restauración omitida (sin respaldo)`);
        await servidor.detener('SIGTERM');
        await servidor.ops(programas.ops, 'restore', '--from', respaldo, '--confirmar');
        await servidor.arrancar();
        return registrar(`${pre}servidor restaurado desde ${path.basename(respaldo)}`);
      }
    }
  }

  const cabeza = () =>
    leer(servidor.archivo, (db) => (db.prepare('select seq from sync_contador').get() as { seq: number }).seq);

  /** Every cable up, every desk running and signed in, syncing round after round until a round changes nothing. */
  async function quiescencia(): Promise<Map<number, EstadoSync | ErrorLlamada>> {
    const ultimos = new Map<number, EstadoSync | ErrorLlamada>();
    for (const p of puestos) {
      p.red.restablecer();
      p.redArriba = true;
    }
    for (let ronda = 1; ronda <= MAX_RONDAS; ronda++) {
      const antes = cabeza();
      for (const [i, p] of puestos.entries()) {
        if (!(await activo(p))) ultimos.set(i, { code: 'SIN_SESION', message: 'no pudo iniciar sesión' });
        else {
          const e = await p.proc.llamar<EstadoSync>('sync.ahora').catch(comoError);
          if (!('code' in e)) modelo.verAviso(i, aviso(e));
          ultimos.set(i, e);
        }
      }
      const quietos = [...ultimos.values()].every((e) => !('code' in e) && e.pendientes === 0 && !e.ultimo_error);
      registrar(
        `fin, ronda ${ronda}: ${[...ultimos.values()].map((e) => ('code' in e ? e.code : resumen(e))).join(' | ')}`,
      );
      if (quietos && cabeza() === antes) break;
    }
    return ultimos;
  }

  async function informes(ultimos: Map<number, EstadoSync | ErrorLlamada>): Promise<InformeEscritorio[]> {
    const r: InformeEscritorio[] = [];
    for (const [i, p] of puestos.entries()) {
      const e = ultimos.get(i)!;
      const activoFinal = !('code' in e) && !e.ultimo_error;
      const fallidos = activoFinal ? await p.proc.llamar<ComandoFallido[]>('conflictos.listar') : [];
      await p.proc.cerrar();
      const pendientes = leer(p.proc.archivo, (db) =>
        (db.prepare(`select mutation_id as m from outbox where estado = 'pendiente'`).all() as { m: string }[]).map(
          (f) => f.m,
        ),
      );
      const store = leerStore(p.proc.archivo);
      r.push({
        informados: new Set(fallidos.map((f) => f.mutationId)),
        pendientes: new Set(pendientes),
        activo: activoFinal,
        ultimoError: 'code' in e ? e : e.ultimo_error,
        integridad: store.integridad,
        sucias: store.sucias,
        espejo: store.filas,
        servidor: await filasDelServidor(servidor, p.usuario),
      });
    }
    return r;
  }

  function informeServidor(): InformeServidor {
    return leer(servidor.archivo, (db) => {
      const resultados = new Map(
        (
          db.prepare('select mutation_id as m, estado as e from sync_mutaciones').all() as { m: string; e: string }[]
        ).map((f) => [f.m, f.e]),
      );
      const creadas = new Map<string, number>();
      for (const c of modelo.confirmados)
        if (c.creado)
          creadas.set(
            c.mutationId,
            (
              db
                .prepare(`select count(*) as n from ${c.creado.tabla} where ${c.creado.columna} = ?`)
                .get(c.creado.valor) as { n: number }
            ).n,
          );
      return { resultados, creadas };
    });
  }

  try {
    await servidor.arrancar();
    for (const u of leer(
      servidor.archivo,
      (db) =>
        db.prepare(`select id, cod_agencia as o from usuarios where rol = 'ANALISTA' and activo = 1`).all() as {
          id: string;
          o: string;
        }[],
    ))
      analistas.set(u.o, [...(analistas.get(u.o) ?? []), u.id]);
    for (const usuario of h.escritorios) {
      const red = await crearRed(servidor.api);
      const dir = nuevoDirectorio('modelo-escritorio-');
      const proc = new EscritorioEnProceso(programas.escritorio, dir, red.api);
      puestos.push({ usuario, rol: 'RECEPCION', oficina: '', proc, red, dir, desfaseMs: 0, redArriba: true });
    }
    // The desks' first syncs together, as an office opening in the morning (and half the wait on two cores).
    await Promise.all(
      puestos.map(async (p, i) => {
        await p.proc.arrancar(0);
        const s = await p.proc.llamar<EstadoSesion>('sesion.login', { username: p.usuario, password: PASSWORD_DEMO });
        p.rol = s.usuario!.rol;
        p.oficina = s.usuario!.cod_agencia;
        await p.proc.llamar('sync.ahora');
        registrar(`    #${i} ${p.usuario} listo`);
      }),
    );
    for (const [i, s] of h.pasos.entries()) {
      await paso(i, s);
      observarNumeros(String(i));
    }
    const ultimos = await quiescencia();
    observarNumeros('final');
    const violaciones = modelo.verificar(await informes(ultimos), informeServidor());
    const locales = [...modelo.rechazosLocales].map(([c, n]) => `${c} ×${n}`).join(', ');
    registrar(`confirmados ${modelo.confirmados.length}; rechazos en el escritorio: ${locales || 'ninguno'}`);
    return { violaciones, bitacora, confirmados: modelo.confirmados.length };
  } finally {
    for (const p of puestos) {
      await p.proc.cerrar().catch(() => undefined);
      await p.red.cerrar();
      fs.rmSync(p.dir, { recursive: true, force: true });
    }
    await servidor.detener('SIGKILL');
    fs.rmSync(servidor.dir, { recursive: true, force: true });
  }
}
