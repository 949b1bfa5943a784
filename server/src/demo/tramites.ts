/**
 * Demo workflow trámites, so the unified caseload shows both kinds of case from the first start. Unlike the bulk PPSH
 * load they are a handful, so each is run the way officers run it: started, answered and moved stage by stage through
 * the workflow service the API uses, by the demo user of the right role in its office. The engine checks every step,
 * and each write goes through db/escritura.ts (audit trail and sync change feed), so the data is what the API would
 * have produced. Deterministic for a seed: same templates, people, answers, stages and ids (timestamps are the load's).
 */
import { sumarDias, fechaPanama } from '#shared/calendario';
import type { Rol } from '#shared/roles';
import { InstanciaNueva, TransicionInstancia, type Respuestas } from '#shared/workflow/schemas';
import type { Contexto } from '../contexto.js';
import type { Db } from '../db/connect.js';
import { crearServicioWorkflow, type ServicioWorkflow } from '../modules/workflow/service.js';
import { generarCaso, idDeterminista, prng, type PersonaDemo, type Prng } from './generador.js';

/** Workflow cases in the embedded demo: a few per template, spread over the stages. */
export const TRAMITES_DEMO = 18;

/** What a demo case's answers are made of: its applicant and the way its decisions go. */
interface Solicitante {
  nombre: string;
  pasaporte: string;
  nacimiento: string;
  email: string;
  telefono: string;
  aprobado: boolean;
  /** SOLICITUD_RESIDENCIA: the first review finds the documents incomplete and sends them back once. */
  corregir: boolean;
}

/** One stage's work: who does it and what they answer; the engine picks the way out from the answers. */
interface Paso {
  rol: Rol;
  respuestas: Respuestas;
}

/** A stored demo PDF stands in for every uploaded file (file answers carry name, hash and size). */
export interface ArchivoDemo {
  sha256: string;
  tamano: number;
}

function solicitanteDe(p: PersonaDemo, r: Prng): Solicitante {
  const nombre = [p.primer_nombre, p.segundo_nombre, p.primer_apellido, p.segundo_apellido]
    .filter(Boolean)
    .join(' ')
    // The templates' name rule admits letters and spaces only (Jean-Baptiste → Jean Baptiste).
    .replace(/[^a-zA-ZáéíóúÁÉÍÓÚñÑ ]/g, ' ')
    .replace(/ +/g, ' ');
  return {
    nombre,
    pasaporte: p.num_documento.replace(/[^A-Z0-9]/g, ''),
    nacimiento: p.fecha_nacimiento,
    email: p.email ?? `solicitante${r.entero(100, 999)}@correo.example`,
    telefono: p.telefono.replace(/-/g, ''),
    aprobado: r.probabilidad(0.75),
    corregir: r.probabilidad(0.4),
  };
}

/** The script of each seeded template (migration 0011), from its initial stage to a final one. */
function guion(codigo: string, s: Solicitante, archivo: ArchivoDemo, hoy: string): Paso[] {
  const pdf = (nombre: string) => [{ nombre, sha256: archivo.sha256, tamano_bytes: archivo.tamano }];
  const datos = { NOMBRE_COMPLETO: s.nombre, NUMERO_PASAPORTE: s.pasaporte };
  switch (codigo) {
    case 'VISA_TURISTA_SIMPLE':
      return [
        { rol: 'RECEPCION', respuestas: { ...datos, FECHA_LLEGADA: sumarDias(hoy, 30) } },
        { rol: 'RECEPCION', respuestas: { PASAPORTE: pdf('pasaporte.pdf'), BOLETO_RETORNO: pdf('boleto.pdf') } },
        { rol: 'ANALISTA', respuestas: { DECISION_FINAL: s.aprobado ? 'Aprobado' : 'Rechazado' } },
      ];
    case 'RESIDENCIA_TEMPORAL':
      return [
        { rol: 'RECEPCION', respuestas: { ...datos, MOTIVO: s.aprobado ? 'Trabajo' : 'Familiar' } },
        { rol: 'ANALISTA', respuestas: { ANTECEDENTES_LIMPIOS: s.aprobado ? 'SI' : 'NO' } },
        { rol: 'SUPERVISOR', respuestas: { DECISION_FINAL: s.aprobado ? 'Aprobado' : 'Rechazado' } },
      ];
    case 'SOLICITUD_RESIDENCIA': {
      const revisionIncompleta: Paso[] = [
        {
          rol: 'ANALISTA',
          respuestas: {
            DOCUMENTOS_COMPLETOS: 'NO',
            OBSERVACIONES_REVISION: 'El certificado de salud está vencido; presente uno de los últimos tres meses.',
          },
        },
        { rol: 'RECEPCION', respuestas: { DOCUMENTOS_CORREGIDOS: pdf('certificado-salud.pdf') } },
      ];
      return [
        {
          rol: 'RECEPCION',
          respuestas: { ...datos, FECHA_NACIMIENTO: s.nacimiento, EMAIL: s.email, TELEFONO: s.telefono },
        },
        {
          rol: 'RECEPCION',
          respuestas: {
            PASAPORTE: pdf('pasaporte.pdf'),
            FOTOGRAFIA: [{ nombre: 'fotografia.jpg' }],
            ANTECEDENTES_PENALES: pdf('antecedentes.pdf'),
            CERTIFICADO_SALUD: pdf('certificado-salud.pdf'),
            SOLVENCIA_ECONOMICA: pdf('estado-de-cuenta.pdf'),
          },
        },
        ...(s.corregir ? revisionIncompleta : []),
        { rol: 'ANALISTA', respuestas: { DOCUMENTOS_COMPLETOS: 'SI' } },
        {
          rol: 'SUPERVISOR',
          respuestas: s.aprobado
            ? { DECISION_FINAL: 'APROBAR', NUMERO_RESOLUCION: `RES-${s.pasaporte.slice(-6)}` }
            : { DECISION_FINAL: 'RECHAZAR' },
        },
      ];
    }
    case 'PPSH_COMPLETO':
      return [
        { rol: 'RECEPCION', respuestas: { TIPO_SOLICITUD: 'Individual' } },
        { rol: 'RECEPCION', respuestas: { ...datos, FECHA_NACIMIENTO: s.nacimiento } },
        { rol: 'RECEPCION', respuestas: { PASAPORTE: pdf('pasaporte.pdf'), ANTECEDENTES: pdf('antecedentes.pdf') } },
        {
          rol: 'ANALISTA',
          respuestas: {
            FECHA_ENTREVISTA: sumarDias(hoy, -2),
            RESULTADO_ENTREVISTA: s.aprobado ? 'Favorable' : 'Desfavorable',
          },
        },
        {
          rol: 'ANALISTA',
          respuestas: {
            RECOMENDACION: s.aprobado ? 'Aprobar' : 'Rechazar',
            JUSTIFICACION: 'Relato coherente con la documentación y la entrevista.',
          },
        },
        {
          rol: 'SUPERVISOR',
          respuestas: s.aprobado
            ? { DECISION_FINAL: 'Aprobado', VIGENCIA_MESES: '24' }
            : { DECISION_FINAL: 'Rechazado' },
        },
      ];
    default:
      throw new Error(`La demostración no sabe llevar la plantilla ${codigo}`);
  }
}

const PLANTILLAS_DEMO = ['VISA_TURISTA_SIMPLE', 'RESIDENCIA_TEMPORAL', 'SOLICITUD_RESIDENCIA', 'PPSH_COMPLETO'];

export interface OpcionesTramites {
  tramites: number;
  semilla: number;
  archivo: ArchivoDemo;
}

/**
 * Runs `tramites` demo cases. Two in three belong to the main office (02), the rest to Darién (04). Each walks its
 * script for a chosen number of stages; it stops early where its office has no active user of the role the next
 * stage needs (Darién has only a counter officer), as a real case would wait there. Needs the demo users.
 */
export async function cargarTramitesDemo(db: Db, o: OpcionesTramites): Promise<void> {
  const r = prng(o.semilla);
  const hoy = fechaPanama();
  const usuarios = await db
    .selectFrom('usuarios')
    .select(['id', 'username', 'nombre', 'rol', 'cod_agencia'])
    .where('activo', '=', 1)
    .orderBy('username')
    .execute();
  const contextoDe = (rol: Rol, agencia: string): Contexto | null => {
    const u = usuarios.find((x) => x.rol === rol && x.cod_agencia === agencia);
    return u ? { actor: { ...u, rol: u.rol as Rol }, cliente: 'carga-demo' } : null;
  };
  async function cargarTramite(wf: ServicioWorkflow, n: number) {
    const agencia = n % 3 === 2 ? '04' : '02';
    const codigo = PLANTILLAS_DEMO[n % PLANTILLAS_DEMO.length]!;
    const s = solicitanteDe(generarCaso(r, hoy).personas[0]!, r);
    const pasos = guion(codigo, s, o.archivo, hoy);
    const hechos = r.entero(0, pasos.length);
    const cancelar = r.probabilidad(0.08);
    const recepcion = contextoDe('RECEPCION', agencia);
    if (!recepcion) return;
    const id = await wf.iniciarInstancia(
      recepcion,
      InstanciaNueva.parse({
        // Stamped the day before: time-ordered ids put the load's cases behind any an officer opens today.
        id: idDeterminista(r, sumarDias(hoy, -1)),
        workflow_codigo: codigo,
        // The counter officer types the applicant's name and passport when opening the case, before any stage.
        nombre_titular: s.nombre,
        documento_titular: s.pasaporte,
        prioridad: r.elegir(['NORMAL', 'NORMAL', 'NORMAL', 'ALTA', 'BAJA', 'URGENTE']),
        fecha_estimada_fin: r.probabilidad(0.5) ? sumarDias(hoy, r.entero(-5, 40)) : undefined,
      }),
    );
    let dados = 0;
    for (const paso of pasos.slice(0, hechos)) {
      const quien = contextoDe(paso.rol, agencia);
      if (!quien) break;
      await wf.transicionar(quien, id, TransicionInstancia.parse({ respuestas: paso.respuestas }));
      dados++;
    }
    const abierto = dados < pasos.length;
    // The head of office hands the open cases the analysts work on (or are next to) to the office's analyst.
    const jefatura = contextoDe('SUPERVISOR', agencia);
    const analista = contextoDe('ANALISTA', agencia);
    const deAnalistas = pasos.slice(0, dados + 1).some((p) => p.rol === 'ANALISTA');
    if (abierto && deAnalistas && jefatura && analista)
      await wf.editarInstancia(jefatura, id, { asignado_a_user_id: analista.actor.id });
    if (abierto && cancelar)
      await wf.editarInstancia(recepcion, id, {
        estado: 'CANCELADO',
        observaciones: 'El solicitante desistió del trámite',
      });
  }

  // One transaction for the whole load (the service joins it, as in a sync push): one commit instead of a hundred.
  await db.transaction().execute(async (trx) => {
    const wf = crearServicioWorkflow(trx);
    for (let n = 0; n < o.tramites; n++) await cargarTramite(wf, n);
  });
}
