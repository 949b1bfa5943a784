/**
 * The applicant's receipt: a real PDF (parsed back with pdf-lib, its text read with pdfjs-dist) with the provisional
 * reference offline and the server's number after sync, the titular and dependents, the office, the issue time in
 * Panama; its QR image holds exactly the modules the `qrcode` encoder gives for that number.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import type { PDFNumber } from 'pdf-lib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReciboSolicitud } from '#shared/bridge/tipos';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { crearRed } from '../sync/helpers/red.js';
import { puesto } from '../sync/helpers/escenario.js';
import { abrirEscritorio } from './helpers/escritorio.js';

/** pdfjs reads the standard fonts' metrics from here under Node. */
const FUENTES = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

const persona = (nombre: string, apellido: string, documento: string, extra: Record<string, unknown> = {}) => ({
  num_documento: documento,
  pais_emisor: 'VEN',
  primer_nombre: nombre,
  primer_apellido: apellido,
  fecha_nacimiento: '1985-05-05',
  cod_sexo: 'F' as const,
  cod_nacionalidad: 'VEN',
  ...extra,
});

const FAMILIA = {
  tipo_solicitud: 'GRUPAL' as const,
  cod_causa_humanitaria: 1,
  solicitantes: [
    persona('María José', 'Núñez', 'RCB-0001', { es_titular: true }),
    persona('Tomás', 'Núñez', 'RCB-0002', { parentesco_titular: 'HIJO', fecha_nacimiento: '2015-02-02' }),
    // Outside the standard PDF font: printed as "?" rather than failing the receipt.
    persona('Li', 'Wáng 王', 'RCB-0003', { parentesco_titular: 'CONYUGE' }),
  ],
};

async function abrirPdf(r: ReciboSolicitud) {
  const bytes = Buffer.from(r.contenido_base64, 'base64');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const pdf = await PDFDocument.load(bytes);
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, standardFontDataUrl: FUENTES })
    .promise;
  let texto = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const contenido = await (await doc.getPage(n)).getTextContent();
    texto += contenido.items.map((i) => ('str' in i ? i.str : '')).join('\n');
  }
  await doc.destroy();
  return { pdf, texto, paginas: pdf.getPageCount() };
}

/** The QR drawn on the receipt, read as a grid of modules from the embedded image's pixels. */
function modulosDelQr(pdf: PDFDocument): boolean[][] {
  const imagenes = pdf.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter(
      (o): o is PDFRawStream =>
        o instanceof PDFRawStream &&
        o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') &&
        o.dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceRGB'),
    );
  expect(imagenes).toHaveLength(1);
  const img = imagenes[0]!;
  const ancho = (img.dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
  const pixeles = zlib.inflateSync(img.contents);
  // qrcode's PNG: `margin` light modules around, `scale` pixels a module (as the receipt asks: 2 and 6).
  const escala = 6;
  const lado = ancho / escala - 4;
  return Array.from({ length: lado }, (_, fila) =>
    Array.from({ length: lado }, (_, col) => {
      const x = (col + 2) * escala + escala / 2;
      const y = (fila + 2) * escala + escala / 2;
      return pixeles[(y * ancho + x) * 3]! < 128;
    }),
  );
}

function modulosEsperados(texto: string): boolean[][] {
  const m = QRCode.create(texto, { errorCorrectionLevel: 'M' }).modules;
  return Array.from({ length: m.size }, (_, f) => Array.from({ length: m.size }, (_, c) => !!m.get(f, c)));
}

describe('recibo del solicitante', () => {
  it('sin conexión lleva la referencia provisional, titular, dependientes, oficina y la hora de Panamá', async () => {
    const red = await crearRed(s.api);
    // 03:30 UTC on 1 March is still 28 February in Panama (UTC-5).
    const e = abrirEscritorio(red.api, { reloj: () => new Date('2026-03-01T03:30:00Z') });
    try {
      await e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO });
      await e.core['sync.ahora']({});
      red.cortar();
      const { id, referencia_provisional } = await e.core.invocar('ppsh.registrar', FAMILIA);
      const recibo = await e.core['recibo.generar']({ id });
      expect(recibo.nombre_archivo).toBe(`recibo-${referencia_provisional}.pdf`);
      const { pdf, texto, paginas } = await abrirPdf(recibo);
      expect(paginas).toBe(1);
      for (const esperado of [
        'Comprobante de solicitud',
        'Referencia provisional',
        referencia_provisional!,
        'María José Núñez · Documento RCB-0001',
        'Dependientes (2)',
        'Tomás Núñez · Hijo(a) · Documento RCB-0002',
        'Li Wáng ? · Cónyuge · Documento RCB-0003',
        '28 de febrero de 2026 a las 22:30',
        'Fecha de solicitud',
        'Atendido por',
      ])
        expect(texto).toContain(esperado);
      // Names from the mirrored catalogs (the demo's office 02 and cause 1).
      expect(texto).toContain('Oficina Central SNM (02)');
      expect(texto).toContain('(PPSH) · Conflicto Armado');
      expect(modulosDelQr(pdf)).toEqual(modulosEsperados(referencia_provisional!));
      expect(pdf.getTitle()).toBe(`Comprobante de solicitud ${referencia_provisional}`);
    } finally {
      await e.cerrar();
      await red.cerrar();
    }
  });

  it('después de sincronizar lleva el número del servidor, también en el QR', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      p.red.cortar();
      const { id } = await p.core.invocar('ppsh.registrar', FAMILIA);
      p.red.restablecer();
      await p.core['sync.ahora']({});
      const { num_expediente } = await p.core['expedientes.detalle']({ id });
      expect(num_expediente).toMatch(/^PPSH-/);
      const { pdf, texto } = await abrirPdf(await p.core['recibo.generar']({ id }));
      expect(texto).toContain('Número de expediente');
      expect(texto).toContain(num_expediente!);
      expect(texto).not.toContain('Referencia provisional');
      expect(modulosDelQr(pdf)).toEqual(modulosEsperados(num_expediente!));

      const tramite = await p.core.invocar('workflow.iniciar', { workflow_codigo: 'SOLICITUD_RESIDENCIA' });
      const r = await abrirPdf(await p.core['recibo.generar']({ id: tramite.id }));
      expect(r.texto).toContain(tramite.referencia_provisional!);
      expect(r.texto).not.toContain('Dependientes');

      // The largest family the schema allows goes on to a second page, nobody cut off.
      const grande = await p.core.invocar('ppsh.registrar', {
        ...FAMILIA,
        solicitantes: [
          FAMILIA.solicitantes[0]!,
          ...Array.from({ length: 19 }, (_, i) =>
            persona(`Dependiente${i}`, 'Núñez', `RCB-1${String(i).padStart(3, '0')}`, { parentesco_titular: 'HIJO' }),
          ),
        ],
      });
      const familia = await abrirPdf(await p.core['recibo.generar']({ id: grande.id }));
      expect(familia.paginas).toBe(2);
      for (let i = 0; i < 19; i++) expect(familia.texto).toContain(`RCB-1${String(i).padStart(3, '0')}`);
      expect(familia.texto).toContain('Conserve este comprobante');

      await expect(p.core['recibo.generar']({ id: '01900000-0000-7000-8000-000000000000' })).rejects.toMatchObject({
        code: 'NO_ENCONTRADO',
        message: 'El expediente no existe en esta estación',
      });
    } finally {
      await p.cerrar();
    }
  });
});
