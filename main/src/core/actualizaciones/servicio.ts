/**
 * The desk's updater: checks the feed at start and every few hours, decides with the policy, lets the installer
 * (electron-updater in the app) download in the background, and keeps one status the renderer shows. It never throws
 * at its caller's loop: a failed check is a quiet status with a Spanish message and a log line, and the next check
 * tries again. Without an installer (development, the web shell) it is off.
 */
import { EventEmitter } from 'node:events';
import type { EstadoActualizacion } from '#shared/bridge/tipos';
import { ErrorCore } from '../error-core.js';
import { archivoDelCanal, leerFeed, MAX_BYTES_FEED, type Canal, type VersionPublicada } from './feed.js';
import { enDespliegue, esMasNueva, puedeReiniciar } from './politica.js';

/** What downloads and installs: electron-updater in the app (main/src/actualizador.ts). */
export interface Instalador {
  descargar(v: VersionPublicada, progreso: (porcentaje: number) => void): Promise<void>;
  reiniciarEInstalar(): void;
}

export interface OpcionesActualizaciones {
  versionActual: string;
  canal: Canal;
  /** The feed folder, e.g. https://tramites.migracion.gob.pa/updates/; null: updates off. */
  urlFeed: string | null;
  idEscritorio: string;
  instalador: Instalador | null;
  plataforma?: NodeJS.Platform;
  intervaloMs?: number;
  reloj?: () => Date;
  log?: (mensaje: string, error?: unknown) => void;
}

const CADA_CUATRO_HORAS = 4 * 60 * 60 * 1000;
const TIEMPO_MAXIMO_FEED = 15_000;

export class Actualizaciones {
  private readonly eventos = new EventEmitter();
  private temporizador: NodeJS.Timeout | null = null;
  private ocupado = false;
  private enCurso: Promise<EstadoActualizacion> | null = null;
  private actual: EstadoActualizacion;
  private readonly reloj: () => Date;

  constructor(private readonly o: OpcionesActualizaciones) {
    this.reloj = o.reloj ?? (() => new Date());
    this.actual = {
      fase: this.activa ? 'al_dia' : 'desactivada',
      canal: o.canal,
      version_actual: o.versionActual,
      version_nueva: null,
      progreso: null,
      ultima_comprobacion: null,
      mensaje: null,
      puede_reiniciar: false,
    };
  }

  /** Development and the web shell: no installer, no feed. */
  static apagadas(versionActual: string): Actualizaciones {
    return new Actualizaciones({ versionActual, canal: 'stable', urlFeed: null, idEscritorio: '', instalador: null });
  }

  private get activa(): boolean {
    return this.o.instalador !== null && this.o.urlFeed !== null;
  }

  estado(): EstadoActualizacion {
    return this.actual;
  }

  on(fn: (e: EstadoActualizacion) => void): () => void {
    this.eventos.on('cambio', fn);
    return () => this.eventos.off('cambio', fn);
  }

  /** First check at once (in the background), then every `intervaloMs`. */
  iniciar(): void {
    if (!this.activa || this.temporizador) return;
    void this.comprobar();
    this.temporizador = setInterval(() => void this.comprobar(), this.o.intervaloMs ?? CADA_CUATRO_HORAS);
    this.temporizador.unref();
  }

  detener(): void {
    if (this.temporizador) clearInterval(this.temporizador);
    this.temporizador = null;
  }

  /** One check (concurrent callers share it). Resolves with the new status; never rejects. */
  comprobar(): Promise<EstadoActualizacion> {
    if (!this.activa || this.actual.fase === 'lista' || this.actual.fase === 'descargando')
      return Promise.resolve(this.actual);
    this.enCurso ??= this.buscarYDescargar().finally(() => (this.enCurso = null));
    return this.enCurso;
  }

  /** The renderer says whether a form has unsaved input. */
  marcarOcupado(ocupado: boolean): EstadoActualizacion {
    this.ocupado = ocupado;
    return this.cambiar({});
  }

  /** "Restart to install", at the officer's request only. */
  instalar(): void {
    if (this.actual.fase !== 'lista')
      throw new ErrorCore('REGLA_NEGOCIO', 'No hay una actualización lista para instalar');
    if (this.ocupado)
      throw new ErrorCore('REGLA_NEGOCIO', 'Guarde o cierre el formulario abierto antes de reiniciar para actualizar');
    this.o.instalador!.reiniciarEInstalar();
  }

  private async buscarYDescargar(): Promise<EstadoActualizacion> {
    this.cambiar({ fase: 'buscando', mensaje: null });
    try {
      const v = await this.leer();
      const ahora = this.reloj().toISOString();
      if (!esMasNueva(v, this.o.versionActual, this.o.canal))
        return this.cambiar({ fase: 'al_dia', version_nueva: null, ultima_comprobacion: ahora });
      if (!enDespliegue(this.o.idEscritorio, v.porcentaje))
        return this.cambiar({ fase: 'fuera_de_despliegue', version_nueva: v.version, ultima_comprobacion: ahora });
      this.cambiar({ fase: 'descargando', version_nueva: v.version, progreso: 0, ultima_comprobacion: ahora });
      await this.o.instalador!.descargar(v, (p) => this.cambiar({ progreso: Math.max(0, Math.min(100, p)) }));
      return this.cambiar({ fase: 'lista', progreso: 100 });
    } catch (e) {
      this.o.log?.('La comprobación de actualizaciones falló', e);
      const mensaje =
        e instanceof ErrorCore ? e.message : 'No se pudo comprobar si hay actualizaciones; se intentará más tarde';
      return this.cambiar({ fase: 'error', progreso: null, mensaje });
    }
  }

  private async leer(): Promise<VersionPublicada> {
    const base = this.o.urlFeed!.endsWith('/') ? this.o.urlFeed! : `${this.o.urlFeed}/`;
    const url = new URL(archivoDelCanal(this.o.canal, this.o.plataforma ?? process.platform), base);
    const r = await fetch(url, {
      signal: AbortSignal.timeout(TIEMPO_MAXIMO_FEED),
      headers: { 'cache-control': 'no-cache' },
    });
    if (r.status === 404)
      throw new ErrorCore('NO_ENCONTRADO', `El canal «${this.o.canal}» no tiene versiones publicadas`);
    if (!r.ok) throw new ErrorCore('SERVICIO_NO_DISPONIBLE', `El servidor de actualizaciones respondió ${r.status}`);
    return leerFeed(await textoAcotado(r, MAX_BYTES_FEED));
  }

  private cambiar(p: Partial<EstadoActualizacion>): EstadoActualizacion {
    const fase = p.fase ?? this.actual.fase;
    this.actual = { ...this.actual, ...p, puede_reiniciar: puedeReiniciar(fase === 'lista', this.ocupado) };
    this.eventos.emit('cambio', this.actual);
    return this.actual;
  }
}

/**
 * The body as text, read as it arrives and abandoned (the connection closed) once it passes `max` bytes: a hostile or
 * broken feed of 100 MB costs the desk one megabyte, not a hundred.
 */
async function textoAcotado(r: Response, max: number): Promise<string> {
  const demasiado = () =>
    new ErrorCore('CUERPO_DEMASIADO_GRANDE', `El feed de actualizaciones supera ${max / 1024 / 1024} MB: no se lee`);
  if (Number(r.headers.get('content-length')) > max) {
    await r.body?.cancel();
    throw demasiado();
  }
  const partes: Uint8Array[] = [];
  let total = 0;
  const lector = r.body?.getReader();
  if (!lector) return '';
  for (;;) {
    const { done, value } = await lector.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await lector.cancel();
      throw demasiado();
    }
    partes.push(value);
  }
  return Buffer.concat(partes).toString('utf8');
}
