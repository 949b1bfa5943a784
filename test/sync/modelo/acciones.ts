/**
 * An officer's action at a desk, built from what that desk shows her at that moment (its caseload, the case's detail,
 * the states her role may move it to, the workflow stage's questions), the way the renderer would. Every text the
 * command writes carries the command's token (`M17`), so the model can count on the server how many times it landed.
 * An action with nothing to act on returns why it was skipped; a refusal by the desk itself is the caller's to record.
 */
import type {
  ComandoEncolado,
  ComandoFallido,
  DetalleExpediente,
  DetalleTramite,
  PaginaExpedientes,
} from '#shared/bridge/tipos';
import { ESTADOS_RESOLUCION, transicionesDisponibles, type EstadoPpsh } from '#shared/ppsh/estados';
import { tienePermiso, type Permiso, type Rol } from '#shared/roles';
import type { PreguntaDef } from '#shared/workflow/motor';
import { dependiente, ejecutableDisfrazado, pdfReal, titular } from '../../helpers/datos.js';
import { PASSWORD_DEMO } from '../../helpers/servidor.js';
import { ACCIONES, type Accion } from './historia.js';

export type Llamar = <T>(metodo: string, args?: Record<string, unknown>) => Promise<T>;

/**
 * The row a command creates, found on the server by a column no later command changes: its id for a new case, the
 * token-bearing text for a child row (the desk and the server give those ids of their own).
 */
export interface Creacion {
  tabla: string;
  columna: string;
  valor: string;
}

export type Hecho =
  | {
      encolado: ComandoEncolado;
      creado?: Creacion;
      archivoRechazable?: boolean;
      /** A command of her list she resolved by retrying it (the retry is the new command). */
      resuelto?: string;
    }
  | { omitida: string }
  /** A command of her list she dropped. */
  | { descartado: string };

export interface Contexto {
  llamar: Llamar;
  rol: Rol;
  token: string;
  a: number;
  b: number;
  /** The desk's clock now (interviews are scheduled ahead of it). */
  ahora: Date;
  /** Whether an attachment may be an executable renamed .pdf, which the server refuses on upload. */
  archivosRechazados: boolean;
  /** Analysts of the desk's office, for assignments (users are not mirrored to desks). */
  analistas: string[];
}

/** The permission each PPSH action needs; workflow actions depend on the template's profiles, checked by the desk. */
const PERMISO: Partial<Record<Accion, Permiso>> = {
  'ppsh.registrar': 'solicitud.crear',
  'ppsh.editar': 'solicitud.editar',
  'ppsh.editarSolicitante': 'solicitud.editar',
  'ppsh.asignar': 'solicitud.asignar',
  'ppsh.comentar': 'comentario.crear',
  'ppsh.adjuntarDocumento': 'documento.subir',
  'ppsh.verificarDocumento': 'documento.verificar',
  'ppsh.programarEntrevista': 'entrevista.gestionar',
  'ppsh.registrarResultadoEntrevista': 'entrevista.gestionar',
  'ppsh.registrarPago': 'pago.registrar',
};

/**
 * The generated action if the officer's role may do it, else one her role may (chosen by the same number): a history
 * spends its steps on commands that reach the server, not on buttons the desk would not show.
 */
export function accionPara(rol: Rol, accion: Accion): Accion {
  const puede = (a: Accion) => !PERMISO[a] || tienePermiso(rol, PERMISO[a]);
  if (puede(accion)) return accion;
  const posibles = ACCIONES.filter(puede);
  return posibles[ACCIONES.indexOf(accion) % posibles.length]!;
}

const elegir = <T>(lista: readonly T[], i: number): T | undefined =>
  lista.length ? lista[i % lista.length] : undefined;

/** The newest cases first: the ones made during the history, which several desks touch, then the demo's. */
async function casos(
  c: Contexto,
  tipo: 'PPSH' | 'WORKFLOW',
  filtro: (e: PaginaExpedientes['items'][number]) => boolean,
) {
  const p = await c.llamar<PaginaExpedientes>('expedientes.consultar', { tipo, orden: '-fecha_solicitud', limite: 40 });
  return p.items.filter(filtro);
}

const abierto = (e: PaginaExpedientes['items'][number]) => !e.estado.es_final;

async function casoPpsh(c: Contexto, filtro = abierto): Promise<DetalleExpediente | null> {
  const e = elegir(await casos(c, 'PPSH', filtro), c.a);
  return e ? c.llamar<DetalleExpediente>('expedientes.detalle', { id: e.id }) : null;
}

async function tramite(c: Contexto): Promise<DetalleTramite | null> {
  const e = elegir(await casos(c, 'WORKFLOW', abierto), c.a);
  return e ? c.llamar<DetalleTramite>('workflow.detalle', { id: e.id }) : null;
}

const CANDIDATOS_TEXTO = ['Lucia Fernandez', 'PA778899', '1990-04-12', 'lucia@correo.example', '+507-6000-1234', 'SI'];

/** A valid answer for a question, as an officer would type it; undefined when none of ours fits its rule. */
function respuesta(p: PreguntaDef, c: Contexto): unknown {
  const opcion = elegir(p.opciones ?? [], c.b);
  switch (p.tipo_pregunta) {
    case 'LISTA':
    case 'OPCIONES':
      return p.permite_multiple ? (opcion ? [opcion] : []) : opcion;
    case 'CARGA_ARCHIVO':
    case 'DOCUMENTOS':
      return [{ nombre: `${c.token}.${p.extensiones_permitidas?.[0] ?? 'pdf'}`, tamano_bytes: 1000 }];
    case 'SELECCION_FECHA':
      return '2026-01-15';
    case 'RESPUESTA_TEXTO':
    case 'RESPUESTA_LARGA': {
      if (!p.validacion_regex) return `Respuesta ${c.token}`;
      const regla = new RegExp(p.validacion_regex);
      return CANDIDATOS_TEXTO.find((t) => regla.test(t));
    }
    default:
      return p.es_obligatoria ? `Revisado ${c.token}` : undefined;
  }
}

function respuestas(preguntas: PreguntaDef[], c: Contexto): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const p of preguntas) {
    const v = respuesta(p, c);
    if (v !== undefined) r[p.codigo] = v;
  }
  return r;
}

/** What a state change needs besides the state (a ruling, a resolution number). */
function cambio(hacia: EstadoPpsh, token: string): Record<string, unknown> {
  const c: Record<string, unknown> = { estado_nuevo: hacia, observaciones: `Cambio ${token}` };
  if (hacia === 'CON_DICTAMEN_FAV')
    Object.assign(c, { tipo_dictamen: 'FAVORABLE', dictamen_detalle: `Dictamen ${token}` });
  if (hacia === 'CON_DICTAMEN_DESFAV')
    Object.assign(c, { tipo_dictamen: 'DESFAVORABLE', dictamen_detalle: `Dictamen ${token}` });
  if (hacia === 'APROBADO' || hacia === 'RECHAZADO') c.num_resolucion = `RES-${token}`;
  return c;
}

export async function realizar(accion: Accion, c: Contexto): Promise<Hecho> {
  const { llamar, token } = c;
  const enc = (metodo: string, args: Record<string, unknown>) => llamar<ComandoEncolado>(metodo, args);
  switch (accion) {
    case 'ppsh.registrar': {
      const grupal = c.b % 3 === 0;
      const personas = [
        titular({ num_documento: `T${token}` }),
        ...(grupal ? [dependiente({ num_documento: `D${token}` })] : []),
      ];
      const encolado = await enc(accion, {
        tipo_solicitud: grupal ? 'GRUPAL' : 'INDIVIDUAL',
        cod_causa_humanitaria: 1 + (c.b % 4),
        descripcion_caso: `Caso ${token}`,
        solicitantes: personas,
      });
      return { encolado, creado: { tabla: 'ppsh_solicitudes', columna: 'id', valor: encolado.id } };
    }
    case 'ppsh.editar': {
      const d = await casoPpsh(c);
      if (!d) return { omitida: 'sin expediente abierto' };
      const campo = elegir(['descripcion_caso', 'observaciones_generales', 'prioridad'] as const, c.b)!;
      const valor = campo === 'prioridad' ? elegir(['BAJA', 'NORMAL'], c.b) : `Edición ${token}`;
      return { encolado: await enc(accion, { id: d.id, cambios: { [campo]: valor } }) };
    }
    case 'ppsh.editarSolicitante': {
      const d = await casoPpsh(c, (e) =>
        ['RECIBIDO', 'EN_REVISION', 'INCOMPLETO', 'SUBSANADO'].includes(e.estado.codigo),
      );
      const p = d && elegir(d.solicitantes, c.b);
      if (!p) return { omitida: 'sin solicitante editable' };
      return { encolado: await enc(accion, { id: p.id, cambios: { observaciones: `Persona ${token}` } }) };
    }
    case 'ppsh.cambiarEstado': {
      const d = await casoPpsh(c);
      const hacia = d && elegir(transicionesDisponibles(d.estado.codigo as EstadoPpsh, c.rol), c.b);
      if (!d || !hacia) return { omitida: 'sin transición para su rol' };
      // A final decision is queued only after the officer typed her password again (the desk checks it).
      if (ESTADOS_RESOLUCION.includes(hacia)) await llamar('sesion.confirmarIdentidad', { password: PASSWORD_DEMO });
      const encolado = await enc(accion, { id: d.id, cambio: cambio(hacia, token) });
      // Each applied move writes one history row with its observations.
      return {
        encolado,
        creado: { tabla: 'ppsh_estado_historial', columna: 'observaciones', valor: `Cambio ${token}` },
      };
    }
    case 'ppsh.asignar': {
      const d = await casoPpsh(c);
      const u = elegir(c.analistas, c.b);
      if (!d || !u) return { omitida: 'sin expediente o analista' };
      return { encolado: await enc(accion, { id: d.id, user_id_asignado: u }) };
    }
    case 'ppsh.comentar': {
      const d = await casoPpsh(c, () => true);
      if (!d) return { omitida: 'sin expediente' };
      const comentario = { comentario: `Nota ${token}`, es_interno: c.b % 2 === 0 };
      const encolado = await enc(accion, { id: d.id, comentario });
      return { encolado, creado: { tabla: 'ppsh_comentarios', columna: 'comentario', valor: comentario.comentario } };
    }
    case 'ppsh.adjuntarDocumento': {
      const d = await casoPpsh(c);
      if (!d) return { omitida: 'sin expediente abierto' };
      const disfrazado = c.archivosRechazados && c.b % 4 === 0;
      const bytes = disfrazado
        ? Buffer.concat([ejecutableDisfrazado(), Buffer.from(token)])
        : await pdfReal(`Documento ${token}`);
      const encolado = await enc(accion, {
        id: d.id,
        nombre_archivo: `${token}.pdf`,
        contenido_base64: bytes.toString('base64'),
        metadatos: { cod_tipo_documento: 1 + (c.b % 3), observaciones: `Documento ${token}` },
      });
      const creado = { tabla: 'ppsh_documentos', columna: 'nombre_archivo', valor: `${token}.pdf` };
      return { encolado, creado, archivoRechazable: disfrazado };
    }
    case 'ppsh.verificarDocumento': {
      const d = await casoPpsh(c, () => true);
      const doc = d && elegir(d.documentos, c.b);
      if (!doc) return { omitida: 'sin documento' };
      const estado = elegir(['VERIFICADO', 'RECHAZADO'], c.b)!;
      return {
        encolado: await enc(accion, { id: doc.id, verificacion: { estado, observaciones: `Verificación ${token}` } }),
      };
    }
    case 'ppsh.programarEntrevista': {
      const d = await casoPpsh(c);
      if (!d) return { omitida: 'sin expediente abierto' };
      const fecha = new Date(c.ahora.getTime() + (10 + (c.b % 20)) * 86_400_000).toISOString();
      const entrevista = { fecha_programada: fecha, lugar: `Sala ${token}`, observaciones: `Entrevista ${token}` };
      const encolado = await enc(accion, { id: d.id, entrevista });
      return { encolado, creado: { tabla: 'ppsh_entrevistas', columna: 'lugar', valor: entrevista.lugar } };
    }
    case 'ppsh.registrarResultadoEntrevista': {
      const d = await casoPpsh(c, () => true);
      const e = d && elegir(d.entrevistas, c.b);
      if (!e) return { omitida: 'sin entrevista' };
      const resultado = {
        asistio: true,
        resultado: elegir(['FAVORABLE', 'DESFAVORABLE'], c.b),
        observaciones: `Resultado ${token}`,
      };
      return { encolado: await enc(accion, { id: e.id, resultado }) };
    }
    case 'ppsh.registrarPago': {
      const d = await casoPpsh(c);
      const conceptos = await llamar<{ cod_concepto: string }[]>('catalogos.listar', { tabla: 'ppsh_conceptos_pago' });
      const concepto = elegir(conceptos, c.b);
      if (!d || !concepto) return { omitida: 'sin expediente o concepto' };
      const pago = { tipo_concepto: concepto.cod_concepto, metodo_pago: 'EFECTIVO', num_recibo: `R${token}` };
      const encolado = await enc(accion, { id: d.id, pago });
      return { encolado, creado: { tabla: 'ppsh_pagos', columna: 'num_recibo', valor: pago.num_recibo } };
    }
    case 'workflow.iniciar': {
      const plantillas = await llamar<{ codigo: string }[]>('workflow.plantillas');
      const p = elegir(plantillas, c.b);
      if (!p) return { omitida: 'sin plantillas' };
      const encolado = await enc(accion, { workflow_codigo: p.codigo, nombre_instancia: `Trámite ${token}` });
      return { encolado, creado: { tabla: 'workflow_instancias', columna: 'id', valor: encolado.id } };
    }
    case 'workflow.responder': {
      const t = await tramite(c);
      if (!t?.etapa_actual || !t.acciones.puede_responder) return { omitida: 'sin trámite que responder' };
      const r = respuestas(t.etapa_actual.preguntas, c);
      if (!Object.keys(r).length) return { omitida: 'sin preguntas que responder' };
      return { encolado: await enc(accion, { id: t.id, respuestas: r }) };
    }
    case 'workflow.transicionar': {
      const t = await tramite(c);
      const destino = t && elegir(t.acciones.destinos_posibles, c.b);
      if (!t?.etapa_actual || !t.acciones.puede_transicionar || !destino) return { omitida: 'sin trámite que mover' };
      const transicion = {
        etapa_destino_id: destino.etapa_id,
        respuestas: respuestas(t.etapa_actual.preguntas, c),
        comentario: `Paso ${token}`,
      };
      const encolado = await enc(accion, { id: t.id, transicion });
      // The transition's remark is stored as one comment of the case.
      return {
        encolado,
        creado: { tabla: 'workflow_comentarios', columna: 'comentario', valor: transicion.comentario },
      };
    }
    case 'workflow.editar': {
      const t = await tramite(c);
      if (!t) return { omitida: 'sin trámite abierto' };
      const cambios =
        c.b % 2 ? { prioridad: elegir(['BAJA', 'NORMAL', 'ALTA'], c.b) } : { nombre_instancia: `Trámite ${token}` };
      return { encolado: await enc(accion, { id: t.id, cambios }) };
    }
    case 'conflictos.reintentar': {
      const f = elegir(await llamar<ComandoFallido[]>('conflictos.listar'), c.b);
      if (!f) return { omitida: 'lista de rechazos vacía' };
      return { encolado: await enc(accion, { mutationId: f.mutationId }), resuelto: f.mutationId };
    }
    case 'conflictos.descartar': {
      const f = elegir(await llamar<ComandoFallido[]>('conflictos.listar'), c.b);
      if (!f) return { omitida: 'lista de rechazos vacía' };
      await llamar(accion, { mutationId: f.mutationId });
      return { descartado: f.mutationId };
    }
    case 'workflow.comentar': {
      const t = await tramite(c);
      if (!t) return { omitida: 'sin trámite abierto' };
      const comentario = { comentario: `Nota ${token}` };
      const encolado = await enc(accion, { id: t.id, comentario });
      return {
        encolado,
        creado: { tabla: 'workflow_comentarios', columna: 'comentario', valor: comentario.comentario },
      };
    }
  }
}
