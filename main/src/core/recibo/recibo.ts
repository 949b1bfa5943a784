/**
 * The applicant's receipt, built at the desk (offline too) with pdf-lib: the case number, or the provisional
 * reference until the server assigns one, as text and as a QR code (the `qrcode` package) the counter's scanner reads
 * back; the titular and dependents, the request date and the issue time in Panama, the office and the officer.
 * Standard PDF fonts only (no font file to ship): text outside their character set prints as "?" instead of failing.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { ReciboSolicitud, UsuarioSesion } from '#shared/bridge/tipos';
import { fechaPanama, ZONA_PANAMA } from '#shared/calendario';
import { filaCaso, hijos, resumen } from '../caseload/consultas.js';
import { noEncontradoLocal } from '../error-core.js';
import type { Sqlite } from '../store/abrir.js';

const PARENTESCOS: Record<string, string> = {
  CONYUGE: 'Cónyuge',
  HIJO: 'Hijo(a)',
  PADRE: 'Padre',
  MADRE: 'Madre',
  HERMANO: 'Hermano(a)',
};

/** Letter size, the paper of Panama's offices (points). */
const ANCHO = 612;
const ALTO = 792;
const MARGEN = 56;
const LADO_QR = 120;
const AZUL = rgb(0.05, 0.23, 0.45);
const GRIS = rgb(0.35, 0.35, 0.35);
const NEGRO = rgb(0, 0, 0);

export interface DatosRecibo {
  numero: string;
  provisional: boolean;
  tramite: string;
  titular: { nombre: string; documento: string };
  dependientes: { nombre: string; documento: string; parentesco: string }[];
  fecha_solicitud: string;
  oficina: string;
  atendido_por: string;
  emitido: Date;
}

const catalogo = (db: Sqlite, tabla: string, clave: string) => {
  const r = db.prepare('select datos from catalogos where tabla = ? and clave = ?').get(tabla, clave) as
    { datos: string } | undefined;
  return r ? (JSON.parse(r.datos) as Record<string, unknown>) : null;
};

const nombrePersona = (p: Record<string, unknown>) =>
  [p.primer_nombre, p.segundo_nombre, p.primer_apellido, p.segundo_apellido].filter(Boolean).join(' ');

/** What the receipt says about a case of either kind, read from the mirror. */
export function datosRecibo(db: Sqlite, id: string, usuario: UsuarioSesion, emitido: Date): DatosRecibo {
  const ppsh = filaCaso(db, 'PPSH', id);
  const tipo = ppsh ? 'PPSH' : 'WORKFLOW';
  const f = ppsh ?? filaCaso(db, 'WORKFLOW', id);
  if (!f) throw noEncontradoLocal('El expediente');
  const caso = JSON.parse(f.datos) as Record<string, unknown>;
  const r = resumen(tipo, f, fechaPanama(emitido));
  const agencia = catalogo(db, 'agencias', r.cod_agencia);
  let tramite: string;
  let dependientes: DatosRecibo['dependientes'] = [];
  if (tipo === 'PPSH') {
    const causa = catalogo(db, 'ppsh_causas_humanitarias', String(caso.cod_causa_humanitaria));
    tramite = `Permiso de Protección de Seguridad Humanitaria (PPSH)${causa ? ` · ${String(causa.nombre_causa)}` : ''}`;
    dependientes = hijos(db, 'ppsh_solicitantes', 'solicitud_id', id, `datos->>'created_at', id`)
      .filter((p) => p.activo && !p.es_titular)
      .map((p) => ({
        nombre: nombrePersona(p),
        documento: String(p.num_documento ?? ''),
        parentesco: PARENTESCOS[String(p.parentesco_titular)] ?? String(p.parentesco_titular ?? ''),
      }));
  } else {
    const wf = catalogo(db, 'workflows', String(caso.workflow_id));
    tramite = String(wf?.nombre ?? r.workflow_codigo ?? 'Trámite');
  }
  return {
    numero: r.numero,
    provisional: !r.num_expediente,
    tramite,
    titular: { nombre: r.nombre_titular, documento: r.documento_titular },
    dependientes,
    fecha_solicitud: r.fecha_solicitud,
    oficina: agencia ? `${String(agencia.nombre)} (${r.cod_agencia})` : r.cod_agencia,
    atendido_por: usuario.nombre,
    emitido,
  };
}

/** Long dates ("28 de febrero de 2026"): a short one reads differently to applicants used to day or month first. */
const FECHA = { day: 'numeric', month: 'long', year: 'numeric' } as const;
/** A calendar date ('YYYY-MM-DD') as it is, with no time zone shift. */
const fechaLarga = (fecha: string) =>
  new Intl.DateTimeFormat('es-PA', { ...FECHA, timeZone: 'UTC' }).format(new Date(`${fecha.slice(0, 10)}T00:00:00Z`));
const instantePanama = (d: Date) =>
  new Intl.DateTimeFormat('es-PA', {
    ...FECHA,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: ZONA_PANAMA,
  }).format(d);

/** Writes lines top-down: long text wraps at the margin, and a receipt with many dependents goes on to a new page. */
class Escritura {
  y = ALTO - MARGEN;
  pagina: PDFPage;
  private readonly admitidos: Set<number>;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly normal: PDFFont,
    private readonly negrita: PDFFont,
  ) {
    this.pagina = pdf.addPage([ANCHO, ALTO]);
    this.admitidos = new Set(normal.getCharacterSet());
  }

  imprimible(t: string): string {
    return [...t.normalize('NFC')].map((c) => (this.admitidos.has(c.codePointAt(0)!) ? c : '?')).join('');
  }

  /** Words to lines no wider than the text area (a word longer than a line stays whole). */
  private partir(t: string, fuente: PDFFont, tamano: number): string[] {
    const lineas: string[] = [];
    let actual = '';
    for (const palabra of t.split(' ')) {
      const con = actual ? `${actual} ${palabra}` : palabra;
      if (actual && fuente.widthOfTextAtSize(con, tamano) > ANCHO - 2 * MARGEN) {
        lineas.push(actual);
        actual = palabra;
      } else actual = con;
    }
    return [...lineas, actual];
  }

  linea(t: string, o: { tamano?: number; negrita?: boolean; color?: ReturnType<typeof rgb> } = {}) {
    const tamano = o.tamano ?? 11;
    const fuente = o.negrita ? this.negrita : this.normal;
    for (const texto of this.partir(this.imprimible(t), fuente, tamano)) {
      this.y -= tamano * 1.45;
      if (this.y < MARGEN) {
        this.pagina = this.pdf.addPage([ANCHO, ALTO]);
        this.y = ALTO - MARGEN - tamano * 1.45;
      }
      this.pagina.drawText(texto, { x: MARGEN, y: this.y, size: tamano, font: fuente, color: o.color ?? NEGRO });
    }
  }

  campo(etiqueta: string, valor: string) {
    this.linea(etiqueta, { tamano: 9, color: GRIS });
    this.linea(valor, { tamano: 12 });
    this.y -= 4;
  }

  espacio(puntos: number) {
    this.y -= puntos;
  }
}

export async function pdfRecibo(d: DatosRecibo): Promise<ReciboSolicitud> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Comprobante de solicitud ${d.numero}`);
  pdf.setSubject('Comprobante de solicitud · Servicio Nacional de Migración de Panamá');
  pdf.setCreator('Trámites Migratorios');
  pdf.setCreationDate(d.emitido);
  const e = new Escritura(
    pdf,
    await pdf.embedFont(StandardFonts.Helvetica),
    await pdf.embedFont(StandardFonts.HelveticaBold),
  );

  const qr = await pdf.embedPng(
    await QRCode.toBuffer(d.numero, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 }),
  );
  e.pagina.drawImage(qr, { x: ANCHO - MARGEN - LADO_QR, y: ALTO - MARGEN - LADO_QR, width: LADO_QR, height: LADO_QR });

  e.linea('República de Panamá · Servicio Nacional de Migración', { tamano: 10, color: GRIS });
  e.linea('Comprobante de solicitud', { tamano: 20, negrita: true, color: AZUL });
  e.espacio(10);
  e.linea(d.provisional ? 'Referencia provisional' : 'Número de expediente', { tamano: 9, color: GRIS });
  e.linea(d.numero, { tamano: 18, negrita: true });
  if (d.provisional) {
    e.linea('El número de expediente definitivo se asigna al sincronizar con la sede central.', { tamano: 9 });
    e.linea('Esta referencia sigue siendo válida para consultar su caso.', { tamano: 9 });
  }
  // Below the QR code before the body starts.
  e.y = Math.min(e.y, ALTO - MARGEN - LADO_QR - 12);
  e.espacio(8);
  e.campo('Trámite', d.tramite);
  e.campo('Titular', `${d.titular.nombre} · Documento ${d.titular.documento}`);
  if (d.dependientes.length) {
    e.linea(`Dependientes (${d.dependientes.length})`, { tamano: 9, color: GRIS });
    for (const p of d.dependientes) e.linea(`${p.nombre} · ${p.parentesco} · Documento ${p.documento}`);
    e.espacio(4);
  }
  e.campo('Fecha de solicitud', fechaLarga(d.fecha_solicitud));
  e.campo('Oficina', d.oficina);
  e.campo('Atendido por', d.atendido_por);
  e.campo('Emitido (hora de Panamá)', instantePanama(d.emitido));
  e.espacio(16);
  e.linea('Conserve este comprobante y presente este número en cada consulta sobre su solicitud.', {
    tamano: 9,
    color: GRIS,
  });

  const nombre = d.numero.replace(/[^A-Za-z0-9-]/g, '_');
  return {
    nombre_archivo: `recibo-${nombre}.pdf`,
    contenido_base64: Buffer.from(await pdf.save()).toString('base64'),
  };
}
