/**
 * Streams a table as CSV or XLSX straight into the HTTP response (exceljs' streaming writer: rows are committed as they
 * come, so a large caseload never sits in memory). Spanish headers; instants shown in America/Panama.
 */
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { ZONA_PANAMA } from '#shared/calendario';

export type Formato = 'csv' | 'xlsx';

/** The content type of each format: what an export route declares in the OpenAPI document and sends. */
export const TIPO_CONTENIDO: Record<Formato, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const TIPOS_EXPORTACION = Object.values(TIPO_CONTENIDO);

export interface Columna<T> {
  titulo: string;
  valor: (fila: T) => string | number | null;
  ancho?: number;
}

const fmtInstante = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONA_PANAMA,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** '2026-03-02T15:04:00Z' → '2026-03-02 10:04' (Panama, UTC-5). */
export const instantePanama = (iso: string | null) => (iso ? fmtInstante.format(new Date(iso)) : null);

const celdaCsv = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  // Quote when needed; a leading = + - @ would be read as a formula by spreadsheets (CSV injection).
  const seguro = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(seguro) ? `"${seguro.replace(/"/g, '""')}"` : seguro;
};

export async function exportarTabla<T>(
  res: Response,
  formato: Formato,
  nombre: string,
  columnas: Columna<T>[],
  filas: AsyncIterable<T[]>,
): Promise<void> {
  const archivo = `${nombre}.${formato}`;
  res.setHeader('Content-Disposition', `attachment; filename="${archivo}"`);
  if (formato === 'csv') {
    res.setHeader('Content-Type', `${TIPO_CONTENIDO.csv}; charset=utf-8`);
    // BOM: Excel opens UTF-8 CSV with accents intact.
    res.write(`\uFEFF${columnas.map((c) => celdaCsv(c.titulo)).join(',')}\r\n`);
    for await (const lote of filas)
      res.write(lote.map((f) => `${columnas.map((c) => celdaCsv(c.valor(f))).join(',')}\r\n`).join(''));
    res.end();
    return;
  }
  res.setHeader('Content-Type', TIPO_CONTENIDO.xlsx);
  const libro = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true });
  const hoja = libro.addWorksheet(nombre.slice(0, 31));
  hoja.columns = columnas.map((c) => ({ header: c.titulo, width: c.ancho ?? 18 }));
  hoja.getRow(1).font = { bold: true };
  hoja.getRow(1).commit();
  for await (const lote of filas) for (const f of lote) hoja.addRow(columnas.map((c) => c.valor(f))).commit();
  hoja.commit();
  await libro.commit();
}
