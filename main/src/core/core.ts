/**
 * createCore: the desktop core as one service object implementing the bridge contract (shared/src/bridge). Electron's
 * main process binds it to IPC, the web shell to HTTP; tests call it directly. Plain Node: never imports electron.
 *
 * Start-up never waits for the network: the store opens and migrates, and the sync engine starts in the background once
 * a session is active.
 */
import '#shared/zod-es';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  ESQUEMAS_PUENTE,
  METODOS_PUENTE,
  type EventosPuente,
  type MetodoPuente,
  type PuenteTramites,
  type ServicioPuente,
} from '#shared/bridge/contrato';
import type { ComandoEncolado, ComandoFallido, ResumenReportes, UsuarioSesion } from '#shared/bridge/tipos';
import { fechaPanama } from '#shared/calendario';
import { ESTADOS_RESOLUCION } from '#shared/ppsh/estados';
import { tienePermiso } from '#shared/roles';
import type { NombreComando } from '#shared/sync/protocolo';
import { AjustesEscritorio } from './ajustes/ajustes.js';
import { ClienteApi, ErrorApi, ErrorRed } from './api/cliente.js';
import { AvisosProgreso } from './api/progreso.js';
import { colaAprobacion } from './aprobacion/cola.js';
import { consultarExpedientes, detalleExpediente } from './caseload/consultas.js';
import { detalleTramite } from './caseload/tramite.js';
import { crearEscritor, esNombreComando } from './comandos/index.js';
import { EXTENSIONES_DOCUMENTO, extensionDe } from './comandos/ppsh.js';
import { nuevaReferencia } from './comandos/referencia.js';
import { conVersionDelEscritorio } from './comandos/workflow.js';
import { CacheDocumentos, PRESUPUESTO_DEFECTO } from './documentos/cache.js';
import { descargarDocumento } from './documentos/descarga.js';
import { ErrorCore } from './error-core.js';
import { Cuenta } from './sesion/cuenta.js';
import { Sesion, type SecretStore } from './sesion/sesion.js';
import { abrirStore } from './store/abrir.js';
import { IndiceBusqueda } from './store/busqueda.js';
import { Espejo } from './store/espejo.js';
import { Outbox, type ComandoOutbox } from './store/outbox.js';
import { EstadoPersistente } from './sync/estado.js';
import { cifrasLocales } from './tablero/cifras.js';
import { datosRecibo, pdfRecibo } from './recibo/recibo.js';
import { workflowsActivos } from './workflow/plantilla.js';
import { Sincronizador, type OpcionesSincronizador } from './sync/sincronizador.js';
import { vaciarEspejo } from './sync/pull.js';
import { Actualizaciones } from './actualizaciones/servicio.js';
import { esErrorInesperado, ReporteroErrores } from './errores/reportero.js';

export interface OpcionesCore {
  /** Folder of this desk's data: the SQLite store and the document cache. */
  dataDir: string;
  /** The API root, e.g. https://tramites.migracion.gob.pa/api/v1 (until IT's file or the officer's settings set one). */
  apiUrl: string;
  /**
   * IT's configuration files, in order: `resources/configuracion.json` inside the app, then `configuracion.json` beside
   * the installed app. Missing files are skipped; see ajustes/ajustes.ts for their format and precedence.
   */
  archivosConfiguracion?: string[];
  secretStore: SecretStore;
  /** Injected clock (tests move time to check the offline-unlock window). */
  reloj?: () => Date;
  diasDesbloqueoOffline?: number;
  presupuestoCacheBytes?: number;
  sync?: OpcionesSincronizador;
  /** false: no background loop (tests and benchmarks drive `sync.ahora` themselves). */
  syncAutomatico?: boolean;
  /** The packaged app's updater (main/src/index.ts); off when absent. */
  actualizaciones?: Actualizaciones;
}

/** Every bridge method validates its argument with the method's schema (defaults applied) before it runs. */
export type Core = PuenteTramites & {
  /** The same, by name: what the IPC and web-shell bindings call with untrusted arguments. */
  invocar<M extends MetodoPuente>(metodo: M, args: unknown): ReturnType<ServicioPuente[M]>;
  on<E extends keyof EventosPuente>(evento: E, fn: (datos: EventosPuente[E]) => void): () => void;
  cerrar(): Promise<void>;
  /** The SQLite file (for integrity checks and support). */
  readonly archivo: string;
};

type Args<M extends MetodoPuente> = z.output<(typeof ESQUEMAS_PUENTE)[M]>;

/** The dashboard waits this long for the server's figures before showing the local ones alone. */
const TIMEOUT_REPORTES_MS = 5000;

const comoFallido = (c: ComandoOutbox): ComandoFallido => ({
  mutationId: c.mutationId,
  nombre: c.nombre,
  args: c.args,
  estado: c.estado === 'conflicto' ? 'conflicto' : 'rechazado',
  code: c.code ?? '',
  message: c.message ?? '',
  fila_servidor: c.filaServidor,
  creado: c.creado,
  resuelto_en: c.resueltoEn ?? '',
});

export function createCore(o: OpcionesCore): Core {
  const reloj = o.reloj ?? (() => new Date());
  const actualizaciones = o.actualizaciones ?? Actualizaciones.apagadas('0.0.0');
  const archivo = path.join(o.dataDir, 'tramites.db');
  const db = abrirStore(archivo);
  const espejo = new Espejo(db);
  const outbox = new Outbox(db);
  const indice = new IndiceBusqueda(db);
  const estado = new EstadoPersistente(db);
  const ajustes = new AjustesEscritorio({
    dataDir: o.dataDir,
    archivosConfiguracion: o.archivosConfiguracion,
    servidorUrl: o.apiUrl,
    cacheBytes: o.presupuestoCacheBytes ?? PRESUPUESTO_DEFECTO,
  });
  const api = new ClienteApi(ajustes.leer().servidor_url);
  const cache = new CacheDocumentos(db, path.join(o.dataDir, 'documentos'), ajustes.cacheBytes(), reloj);
  const progreso = new AvisosProgreso();
  const sesion = new Sesion({ db, api, secretos: o.secretStore, reloj, diasOffline: o.diasDesbloqueoOffline });
  const cuenta = new Cuenta(sesion, api);
  // The one place a refused access token is renewed (the client's interceptor asks; the session refreshes once).
  api.usarAutenticador({
    async renovar(rechazado) {
      const actual = await sesion.tokenAcceso();
      if (actual !== rechazado) return actual;
      sesion.olvidarAcceso();
      return sesion.tokenAcceso();
    },
  });
  const escritor = crearEscritor({ espejo, outbox, indice, reloj, desfaseServidor: () => estado.desfaseServidorMs });
  if (!estado.clientId) estado.clientId = uuidv7();
  const sincronizador = new Sincronizador(
    { api, espejo, outbox, indice, escritor, cache, reloj, clientId: estado.clientId!, sesion, estado, progreso },
    o.sync,
  );
  const automatico = o.syncAutomatico !== false;
  // Unexpected errors of the bridge's methods, counted by fingerprint and sent after the next good sync (errores/).
  const reportero = new ReporteroErrores(
    path.join(o.dataDir, 'errores-pendientes.json'),
    actualizaciones.estado().version_actual,
    reloj,
  );
  sincronizador.onEstado((e) => {
    if (!e.sincronizando && e.conectado && !e.ultimo_error && reportero.cuantos() > 0)
      void reportero.enviar(api, () => sesion.tokenAcceso());
  });

  /** Another officer on this desk starts from an empty mirror (their office may differ); the outbox stays. */
  function prepararEspejo(u: UsuarioSesion) {
    if (estado.usuarioEspejo && estado.usuarioEspejo !== u.id) vaciarEspejo({ espejo, indice, estado });
    estado.usuarioEspejo = u.id;
  }

  function alActivar() {
    if (automatico) sincronizador.iniciar();
  }

  function encolar(nombre: NombreComando, args: unknown, versionVista?: number): ComandoEncolado {
    const usuario = sesion.exigirActiva();
    const { mutationId, efecto } = escritor.encolar(nombre, args, usuario, versionVista);
    sincronizador.avisar();
    return { mutationId, id: efecto.solicitudId };
  }

  /** A case made at this desk: its id and the provisional reference the officer gives the applicant. */
  function nuevoCaso(a: { id?: string; referencia_provisional?: string }) {
    const usuario = sesion.exigirActiva();
    const id = a.id ?? uuidv7();
    return {
      id,
      referencia: a.referencia_provisional ?? nuevaReferencia(db, estado.clientId!, usuario.cod_agencia),
    };
  }

  function fallido(mutationId: string): ComandoOutbox {
    const c = outbox.buscar(mutationId);
    if (!c || c.estado === 'pendiente')
      throw new ErrorCore('NO_ENCONTRADO', 'Ese cambio no está en la lista de cambios rechazados');
    return c;
  }

  const servicio: ServicioPuente = {
    'sesion.estado': async () => {
      await sesion.listo;
      return sesion.estado();
    },
    'sesion.login': async (a) => {
      await sesion.login(a.username, a.password);
      prepararEspejo(sesion.exigirActiva());
      alActivar();
      return sesion.estado();
    },
    'sesion.desbloquear': async (a) => {
      await sesion.desbloquear(a.password);
      prepararEspejo(sesion.exigirActiva());
      alActivar();
      return sesion.estado();
    },
    'sesion.bloquear': async () => {
      await sesion.bloquear();
      return sesion.estado();
    },
    'sesion.logout': async () => {
      await sincronizador.detener();
      await sesion.logout();
      return sesion.estado();
    },
    'sesion.confirmarIdentidad': async (a) => sesion.confirmarIdentidad(a.password),
    'sesion.avisosLeidos': async (a) => {
      await sesion.avisosLeidos(a.ids);
      return sesion.estado();
    },
    'cuenta.cambiarPassword': async (a) => {
      await cuenta.cambiarPassword(a.actual, a.nueva);
      return sesion.estado();
    },
    'cuenta.sesiones': () => cuenta.sesiones(),
    'cuenta.cerrarSesiones': (a) => cuenta.cerrarSesiones(a.password, a.id),

    'expedientes.consultar': async (a) => {
      sesion.exigirActiva();
      return consultarExpedientes(db, a);
    },
    'expedientes.detalle': async (a) => detalleExpediente(db, cache, a.id, sesion.exigirActiva().rol),
    'catalogos.listar': async (a) => {
      sesion.exigirActiva();
      return espejo.catalogo(a.tabla);
    },

    'ppsh.registrar': async (a) => {
      const { id, referencia } = nuevoCaso(a);
      const r = encolar('ppsh.registrar', {
        ...a,
        id,
        referencia_provisional: referencia,
        solicitantes: a.solicitantes.map((p) => ({ ...p, id: p.id ?? uuidv7() })),
      });
      return { ...r, referencia_provisional: referencia };
    },
    'ppsh.editar': async (a) => {
      const { version, ...cambios } = a.cambios;
      return encolar('ppsh.editar', { solicitudId: a.id, cambios }, version);
    },
    'ppsh.editarSolicitante': async (a) => {
      const { version, ...cambios } = a.cambios;
      return encolar('ppsh.editarSolicitante', { solicitanteId: a.id, cambios }, version);
    },
    'ppsh.cambiarEstado': async (a) => {
      const { version, ...cambio } = a.cambio;
      // A final decision (approve, reject) needs the password typed again (sesion.confirmarIdentidad), once each.
      const final = ESTADOS_RESOLUCION.includes(cambio.estado_nuevo);
      if (final) sesion.exigirConfirmacion();
      const r = encolar('ppsh.cambiarEstado', { solicitudId: a.id, cambio }, version);
      if (final) sesion.consumirConfirmacion();
      return r;
    },
    'ppsh.asignar': async (a) => encolar('ppsh.asignar', { solicitudId: a.id, user_id_asignado: a.user_id_asignado }),
    'ppsh.comentar': async (a) =>
      encolar('ppsh.comentar', {
        solicitudId: a.id,
        comentario: { ...a.comentario, id: a.comentario.id ?? uuidv7() },
      }),
    'ppsh.adjuntarDocumento': async (a) => {
      sesion.exigirActiva();
      if (!EXTENSIONES_DOCUMENTO.includes(extensionDe(a.nombre_archivo)))
        throw new ErrorCore(
          'ARCHIVO_NO_PERMITIDO',
          `Tipo de archivo no permitido. Permitidos: ${EXTENSIONES_DOCUMENTO.join(', ')}`,
        );
      const bytes = Buffer.from(a.contenido_base64, 'base64');
      if (!bytes.length) throw new ErrorCore('VALIDACION', 'El archivo está vacío');
      // Bytes first, pinned until the server has them; then the row and the command.
      const { sha256 } = await cache.guardar(bytes, true);
      try {
        return encolar('ppsh.adjuntarDocumento', {
          solicitudId: a.id,
          documento: { ...a.metadatos, id: uuidv7(), sha256, nombre_archivo: a.nombre_archivo },
        });
      } catch (e) {
        // Refused here: no command will ever upload these bytes, so they must not stay pinned.
        await cache.desfijar(sha256);
        throw e;
      }
    },
    'ppsh.verificarDocumento': async (a) =>
      encolar('ppsh.verificarDocumento', { documentoId: a.id, verificacion: a.verificacion }),
    'ppsh.programarEntrevista': async (a) =>
      encolar('ppsh.programarEntrevista', {
        solicitudId: a.id,
        entrevista: { ...a.entrevista, id: a.entrevista.id ?? uuidv7() },
      }),
    'ppsh.registrarResultadoEntrevista': async (a) =>
      encolar('ppsh.registrarResultadoEntrevista', { entrevistaId: a.id, resultado: a.resultado }),
    'ppsh.registrarPago': async (a) =>
      encolar('ppsh.registrarPago', { solicitudId: a.id, pago: { ...a.pago, id: a.pago.id ?? uuidv7() } }),

    'workflow.plantillas': async () => {
      sesion.exigirActiva();
      return workflowsActivos(db).map((w) => ({
        id: String(w.id),
        codigo: String(w.codigo),
        nombre: String(w.nombre),
        version_plantilla: String(w.version_plantilla),
        categoria: (w.categoria as string | null) ?? null,
      }));
    },
    'workflow.detalle': async (a) => detalleTramite(db, a.id, sesion.exigirActiva().rol),
    'workflow.iniciar': async (a) => {
      const { id, referencia } = nuevoCaso(a);
      const r = encolar('workflow.iniciar', {
        ...conVersionDelEscritorio(db, a),
        id,
        referencia_provisional: referencia,
      });
      return { ...r, referencia_provisional: referencia };
    },
    'workflow.responder': async (a) =>
      encolar('workflow.responder', { instanciaId: a.id, respuestas: a.respuestas }, a.version),
    'workflow.transicionar': async (a) => {
      const { version, ...transicion } = a.transicion;
      return encolar('workflow.transicionar', { instanciaId: a.id, transicion }, version);
    },
    'workflow.editar': async (a) => {
      const { version, ...cambios } = a.cambios;
      return encolar('workflow.editar', { instanciaId: a.id, cambios }, version);
    },
    'workflow.comentar': async (a) =>
      encolar('workflow.comentar', {
        instanciaId: a.id,
        comentario: { ...a.comentario, id: a.comentario.id ?? uuidv7() },
      }),

    'documentos.abrir': async (a) => {
      sesion.exigirActiva();
      return descargarDocumento({ espejo, cache, api, sesion, progreso }, a.id);
    },
    'documentos.cache': async () => cache.estadisticas(),

    'ajustes.leer': async () => ajustes.leer(),
    'ajustes.guardar': async (a) => {
      const r = ajustes.guardar(a);
      // Applied to the running core: the next request goes to the new server, the cache shrinks to its new budget.
      const cambioServidor = api.base !== r.servidor_url;
      api.base = r.servidor_url;
      cache.presupuesto = ajustes.cacheBytes();
      await cache.desalojar();
      if (cambioServidor) sincronizador.avisar();
      return r;
    },

    'aprobacion.cola': async (a) => colaAprobacion(db, sesion.exigirActiva().rol, a),
    'tablero.cifras': async () => {
      const usuario = sesion.exigirActiva();
      return {
        ...cifrasLocales(db, fechaPanama(reloj())),
        pendientes_sync: sincronizador.estado().pendientes,
        servidor: tienePermiso(usuario.rol, 'estadisticas.ver') ? await resumenServidor() : null,
        actualizado: reloj().toISOString(),
      };
    },
    'recibo.generar': async (a) => pdfRecibo(datosRecibo(db, a.id, sesion.exigirActiva(), reloj())),

    'sync.estado': async () => sincronizador.estado(),
    'sync.ahora': async () => sincronizador.sincronizarAhora(),
    'sync.cerrarAviso': async () => sincronizador.cerrarAviso(),

    'actualizaciones.estado': async () => actualizaciones.estado(),
    'actualizaciones.comprobar': async () => actualizaciones.comprobar(),
    'actualizaciones.instalar': async () => {
      actualizaciones.instalar();
      return actualizaciones.estado();
    },
    'actualizaciones.ocupado': async (a) => actualizaciones.marcarOcupado(a.ocupado),

    'conflictos.listar': async () => outbox.fallidos().map(comoFallido),
    'conflictos.reintentar': async (a) =>
      servicio['conflictos.editar']({ mutationId: a.mutationId, args: fallido(a.mutationId).args }),
    'conflictos.editar': async (a) => {
      const c = fallido(a.mutationId);
      if (!esNombreComando(c.nombre)) throw new ErrorCore('VALIDACION', `Comando desconocido: ${c.nombre}`);
      // A new command (new mutationId) over the current row; the old one leaves the list only if this one applies here.
      const r = encolar(c.nombre, a.args);
      outbox.descartar(c.seq);
      return r;
    },
    'conflictos.descartar': async (a) => {
      await sincronizador.descartar(a.mutationId, sesion.exigirActiva());
      sincronizador.avisar();
      return outbox.fallidos().map(comoFallido);
    },
  };

  /** The server's dashboard figures, or null when it cannot answer now (offline, or refused): the local ones stand. */
  async function resumenServidor(): Promise<ResumenReportes | null> {
    try {
      const token = await sesion.tokenAcceso();
      return (await api.json<ResumenReportes>('/reportes/resumen', { token, timeoutMs: TIMEOUT_REPORTES_MS })).datos;
    } catch (e) {
      if (e instanceof ErrorRed || e instanceof ErrorApi) return null;
      throw e;
    }
  }

  const oyentes = {
    'sync.estado': sincronizador.onEstado.bind(sincronizador),
    'sesion.estado': sesion.onCambio.bind(sesion),
    'documentos.progreso': progreso.on.bind(progreso),
    'actualizaciones.estado': actualizaciones.on.bind(actualizaciones),
  };
  sesion.onCambio((e) => {
    if (e.estado !== 'activa') void sincronizador.detener();
  });

  function invocar<M extends MetodoPuente>(metodo: M, args: unknown): ReturnType<ServicioPuente[M]> {
    const esquema = ESQUEMAS_PUENTE[metodo] as z.ZodType | undefined;
    if (!esquema)
      return Promise.reject(new ErrorCore('NO_ENCONTRADO', `Método desconocido: ${String(metodo)}`)) as ReturnType<
        ServicioPuente[M]
      >;
    const r = esquema.safeParse(args ?? {});
    if (!r.success) {
      const i = r.error.issues[0];
      return Promise.reject(
        new ErrorCore(
          'VALIDACION',
          i ? `${i.path.join('.') || 'datos'}: ${i.message}` : 'Datos inválidos',
          r.error.issues,
        ),
      ) as ReturnType<ServicioPuente[M]>;
    }
    const llamada = (servicio[metodo] as unknown as (x: Args<M>) => ReturnType<ServicioPuente[M]>)(r.data as Args<M>);
    return llamada.catch((e: unknown) => {
      if (esErrorInesperado(e)) reportero.registrar(e);
      throw e;
    }) as ReturnType<ServicioPuente[M]>;
  }

  const publico = Object.fromEntries(
    METODOS_PUENTE.map((m) => [m, (args: unknown) => invocar(m, args)]),
  ) as PuenteTramites;
  return {
    ...publico,
    archivo,
    invocar,
    on(evento, fn) {
      return oyentes[evento](fn as never);
    },
    async cerrar() {
      actualizaciones.detener();
      await sincronizador.detener();
      await sesion.detener();
      db.close();
    },
  };
}
