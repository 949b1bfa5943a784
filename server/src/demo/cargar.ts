/**
 * Loads demo data fast (bulk inserts in batches, one transaction per batch) for the embedded demo and for benchmarks of
 * 100,000 cases. PPSH demo rows are written as a data load, not as officers' actions, so they carry no audit entries;
 * the few workflow trámites that follow them (tramites.ts) are run through the workflow service like officers' work.
 */
import { createHash } from 'node:crypto';
import { fechaPanama } from '#shared/calendario';
import { ESTADOS_PPSH, esEstadoFinal } from '#shared/ppsh/estados';
import { nombreCompleto, normalizarBusqueda } from '#shared/texto';
import { SISTEMA } from '../contexto.js';
import { refrescarEstadisticasTrasCarga, type Db } from '../db/connect.js';
import type { DocumentoRow, HistorialRow, SolicitanteRow, SolicitudRow } from '../db/schema.js';
import { filasDeTerminos, insertarEnTrozos } from '../db/busqueda.js';
import { formatoNumero } from '../db/secuencias.js';
import { crearUsuario } from '../modules/auth/service.js';
import { guardarArchivo } from '../modules/ppsh/archivos.js';
import { cambiosDeAltas } from '../modules/sync/cambios.js';
import { generarCaso, idDeterminista, prng, type Prng } from './generador.js';
import { pdfDeTexto } from './pdf.js';
import { cargarTramitesDemo, TRAMITES_DEMO } from './tramites.js';

export const USUARIOS_DEMO = [
  { username: 'recepcion', nombre: 'Rosa Quintero (Recepción)', rol: 'RECEPCION', cod_agencia: '02' },
  { username: 'analista', nombre: 'Carlos Saldaña (Analista)', rol: 'ANALISTA', cod_agencia: '02' },
  { username: 'supervisor', nombre: 'Marisol Ortega (Supervisora)', rol: 'SUPERVISOR', cod_agencia: '02' },
  { username: 'admin', nombre: 'Administrador TI', rol: 'ADMIN', cod_agencia: '02' },
  { username: 'consulta', nombre: 'Usuario de Consulta', rol: 'CONSULTA', cod_agencia: '02' },
  { username: 'recepcion.darien', nombre: 'Luis Barrios (Recepción Darién)', rol: 'RECEPCION', cod_agencia: '04' },
] as const;

export async function crearUsuariosDemo(db: Db, password: string) {
  const creados = [];
  for (const u of USUARIOS_DEMO) creados.push(await crearUsuario(db, { actor: SISTEMA }, { ...u, password }));
  return creados;
}

const ORDEN_ESTADO = new Map(ESTADOS_PPSH.map((e, i) => [e.cod as string, i]));

export interface OpcionesCarga {
  casos: number;
  /** Workflow trámites run after the PPSH load (TRAMITES_DEMO unless said); they need the demo users. */
  tramites?: number;
  semilla?: number;
  uploadDir: string;
  /** Cases per transaction. */
  lote?: number;
  alAvanzar?: (hechos: number) => void;
}

function agenciaDe(r: Prng): string {
  const x = r.siguiente();
  return x < 0.7 ? '02' : x < 0.85 ? '04' : x < 0.93 ? '01' : '03';
}

export async function cargarDemo(db: Db, o: OpcionesCarga): Promise<void> {
  const r = prng(o.semilla ?? 2026);
  const hoy = fechaPanama();
  const usuarios = await db
    .selectFrom('usuarios')
    .select(['id', 'rol', 'cod_agencia'])
    .where('activo', '=', 1)
    .execute();
  const analistaDe = (agencia: string) =>
    usuarios.find((u) => u.cod_agencia === agencia && u.rol === 'ANALISTA')?.id ?? null;
  const autor = usuarios.find((u) => u.rol === 'RECEPCION')?.id ?? SISTEMA.id;

  // One real PDF per document type used, stored once by hash as uploads are.
  const tipos = await db
    .selectFrom('ppsh_tipos_documento')
    .select(['cod_tipo_doc', 'nombre_tipo', 'es_obligatorio'])
    .execute();
  const archivos = new Map<number, { sha256: string; tamano: number }>();
  for (const t of tipos) {
    const pdf = pdfDeTexto(['Servicio Nacional de Migracion - Panama', `Documento de demostracion: ${t.nombre_tipo}`]);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await guardarArchivo(o.uploadDir, sha256, pdf);
    const existe = await db.selectFrom('archivos').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
    if (!existe)
      await db
        .insertInto('archivos')
        .values({
          sha256,
          tamano_bytes: pdf.length,
          mime_type: 'application/pdf',
          created_at: new Date().toISOString(),
        })
        .execute();
    archivos.set(t.cod_tipo_doc, { sha256, tamano: pdf.length });
  }

  const secuencias = new Map<number, number>();
  for (const s of await db.selectFrom('secuencias').selectAll().where('nombre', '=', 'PPSH').execute())
    secuencias.set(s.anio, s.valor);
  const lote = o.lote ?? 1000;
  for (let hechos = 0; hechos < o.casos;) {
    const n = Math.min(lote, o.casos - hechos);
    const solicitudes: SolicitudRow[] = [];
    const solicitantes: SolicitanteRow[] = [];
    const historial: HistorialRow[] = [];
    const documentos: DocumentoRow[] = [];
    for (let i = 0; i < n; i++) {
      const c = generarCaso(r, hoy);
      const anio = Number(c.fecha_solicitud.slice(0, 4));
      const valor = (secuencias.get(anio) ?? 0) + 1;
      secuencias.set(anio, valor);
      const num = formatoNumero('PPSH', anio, valor);
      const id = idDeterminista(r, c.fecha_solicitud);
      const agencia = agenciaDe(r);
      const creado = `${c.fecha_solicitud}T${String(13 + r.entero(0, 8)).padStart(2, '0')}:${String(r.entero(0, 59)).padStart(2, '0')}:00.000Z`;
      const estado = c.estados[c.estados.length - 1]!;
      const diaEstado = c.dias[c.dias.length - 1]!;
      const instanteDe = (d: number) => new Date(Date.parse(creado) + d * 86_400_000).toISOString();
      const personas = c.personas.map((p) => ({ ...p, id: idDeterminista(r, c.fecha_solicitud) }));
      const titular = personas[0]!;
      const texto = [num, ...personas.flatMap((p) => [nombreCompleto(p), p.num_documento])].join(' ');
      const resuelto = (ORDEN_ESTADO.get(estado) ?? 0) >= (ORDEN_ESTADO.get('APROBADO') ?? 0) && estado !== 'CANCELADO';
      const fechaRes = resuelto
        ? instanteDe(c.dias[c.estados.findIndex((e) => e === 'APROBADO' || e === 'RECHAZADO')] ?? diaEstado).slice(
            0,
            10,
          )
        : null;
      solicitudes.push({
        id,
        num_expediente: num,
        referencia_provisional: null,
        tipo_solicitud: personas.length > 1 ? 'GRUPAL' : 'INDIVIDUAL',
        cod_causa_humanitaria: c.causa,
        descripcion_caso:
          c.prioridad === 'ALTA'
            ? 'Caso de atención prioritaria por situación de vulnerabilidad documentada por la oficina de origen.'
            : null,
        fecha_solicitud: c.fecha_solicitud,
        estado_actual: estado,
        fecha_estado: instanteDe(diaEstado),
        cod_agencia: agencia,
        cod_seccion: '03',
        user_id_asignado: c.estados.length > 1 ? analistaDe(agencia) : null,
        fecha_asignacion: c.estados.length > 1 ? instanteDe(c.dias[1]!) : null,
        prioridad: c.prioridad,
        observaciones_generales: null,
        num_resolucion: fechaRes ? `RES-PPSH-${anio}-${String(valor).padStart(6, '0')}` : null,
        fecha_resolucion: fechaRes,
        fecha_vencimiento_permiso:
          fechaRes && c.estados.includes('APROBADO') ? `${Number(fechaRes.slice(0, 4)) + 2}${fechaRes.slice(4)}` : null,
        nombre_titular: nombreCompleto(titular),
        documento_titular: titular.num_documento,
        total_personas: personas.length,
        texto_busqueda: normalizarBusqueda(texto),
        activo: 1,
        created_at: creado,
        created_by: autor,
        updated_by: null,
        version: c.estados.length,
        updated_at: instanteDe(diaEstado),
      });
      for (const p of personas) {
        solicitantes.push({
          ...p,
          solicitud_id: id,
          es_titular: p.es_titular ? 1 : 0,
          fecha_emision_doc: null,
          fecha_vencimiento_doc: null,
          direccion_pais_origen: null,
          direccion_panama: 'Ciudad de Panamá',
          ocupacion: null,
          observaciones: null,
          activo: 1,
          created_at: creado,
          created_by: autor,
          version: 1,
          updated_at: creado,
        });
      }
      c.estados.forEach((e, k) => {
        const dictamen = e === 'CON_DICTAMEN_FAV' ? 'FAVORABLE' : e === 'CON_DICTAMEN_DESFAV' ? 'DESFAVORABLE' : null;
        historial.push({
          id: idDeterminista(r, c.fecha_solicitud),
          solicitud_id: id,
          estado_anterior: k === 0 ? null : c.estados[k - 1]!,
          estado_nuevo: e,
          fecha_cambio: instanteDe(c.dias[k]!),
          user_id: autor,
          observaciones: k === 0 ? 'Solicitud registrada' : null,
          es_dictamen: dictamen ? 1 : 0,
          tipo_dictamen: dictamen,
          dictamen_detalle: dictamen ? 'Dictamen técnico según la evaluación de la causa humanitaria' : null,
          dias_en_estado_anterior: k === 0 ? null : c.dias[k]! - c.dias[k - 1]!,
          version: 1,
          updated_at: instanteDe(c.dias[k]!),
        });
      });
      for (const t of c.tiposDocumento) {
        const a = archivos.get(t)!;
        const verificado = !['RECIBIDO', 'EN_REVISION'].includes(estado) || esEstadoFinal(estado);
        documentos.push({
          id: idDeterminista(r, c.fecha_solicitud),
          solicitud_id: id,
          cod_tipo_documento: t,
          tipo_documento_texto: null,
          nombre_archivo: `${tipos.find((x) => x.cod_tipo_doc === t)!.nombre_tipo}.pdf`,
          extension: 'pdf',
          mime_type: 'application/pdf',
          tamano_bytes: a.tamano,
          sha256: a.sha256,
          observaciones: null,
          es_obligatorio: tipos.find((x) => x.cod_tipo_doc === t)!.es_obligatorio,
          estado_verificacion: verificado ? 'VERIFICADO' : 'PENDIENTE',
          verificado_por: verificado ? analistaDe(agencia) : null,
          fecha_verificacion: verificado ? instanteDe(c.dias[1] ?? 0) : null,
          uploaded_by: autor,
          uploaded_at: creado,
          activo: 1,
          version: 1,
          updated_at: creado,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertarEnTrozos(trx, 'ppsh_solicitudes', solicitudes);
      await insertarEnTrozos(trx, 'ppsh_solicitantes', solicitantes);
      await insertarEnTrozos(trx, 'ppsh_estado_historial', historial);
      await insertarEnTrozos(trx, 'ppsh_documentos', documentos);
      await insertarEnTrozos(
        trx,
        'busqueda_terminos',
        solicitudes.flatMap((s) => filasDeTerminos(s.id, s.texto_busqueda)),
      );
      // Into the sync change feed too, so the desktop pulls demo data like any other (parents first).
      const oficina = new Map(solicitudes.map((s) => [s.id, s.cod_agencia]));
      const altas = (tabla: string, filas: { id: string; solicitud_id?: string; version: number }[]) =>
        filas.map((f) => ({
          tabla,
          fila_id: f.id,
          cod_agencia: oficina.get(f.solicitud_id ?? f.id)!,
          version: f.version,
        }));
      const cambios = await cambiosDeAltas(trx, [
        ...altas('ppsh_solicitudes', solicitudes),
        ...altas('ppsh_solicitantes', solicitantes),
        ...altas('ppsh_estado_historial', historial),
        ...altas('ppsh_documentos', documentos),
      ]);
      await insertarEnTrozos(trx, 'sync_cambios', cambios);
    });
    hechos += n;
    o.alAvanzar?.(hechos);
  }
  await refrescarEstadisticasTrasCarga(db);
  for (const [anio, valor] of secuencias) {
    const r2 = await db
      .updateTable('secuencias')
      .set({ valor })
      .where('nombre', '=', 'PPSH')
      .where('anio', '=', anio)
      .executeTakeFirst();
    if (Number(r2.numUpdatedRows) === 0)
      await db.insertInto('secuencias').values({ nombre: 'PPSH', anio, valor }).execute();
  }
  // A generator of their own, so adding trámites never changes the PPSH cases a seed gives.
  await cargarTramitesDemo(db, {
    tramites: o.tramites ?? TRAMITES_DEMO,
    semilla: (o.semilla ?? 2026) + 1,
    // The stored PDF of the lowest document type code stands in for every file a trámite's answers name.
    archivo: archivos.get(Math.min(...archivos.keys()))!,
  });
}
