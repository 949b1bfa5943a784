/**
 * Response bodies of the catalog endpoints (docs/contrato-api.md): one array of rows per catalog, `activo` and the other
 * 0/1 columns as booleans, amounts as "800.00". Strict: a column added without its schema fails the contract test.
 */
import { z } from 'zod';

const catalogo = { activo: z.boolean(), version: z.number().int().positive(), updated_at: z.string() };
const lista = <T extends z.core.$ZodShape>(campos: T) => z.array(z.strictObject({ ...campos, ...catalogo }));
const nulo = z.string().nullable();

export const Agencias = lista({ cod_agencia: z.string(), nombre: z.string(), cod_region: nulo, tipo: nulo });
export const Secciones = lista({ cod_seccion: z.string(), nombre: z.string() });
export const Paises = lista({
  cod_pais: z.string(),
  nombre: z.string(),
  nacionalidad: z.string(),
  iso_alpha2: z.string(),
});
export const Sexos = lista({ cod_sexo: z.string(), nombre: z.string() });
export const EstadosCiviles = lista({ cod_estado_civil: z.string(), nombre: z.string() });
export const CausasHumanitarias = lista({
  cod_causa: z.number().int(),
  nombre_causa: z.string(),
  descripcion: nulo,
  requiere_evidencia: z.boolean(),
});
export const EstadosPpsh = lista({
  cod_estado: z.string(),
  nombre_estado: z.string(),
  descripcion: nulo,
  orden: z.number().int(),
  color_hex: z.string(),
  es_final: z.boolean(),
});
export const TiposDocumento = lista({
  cod_tipo_doc: z.number().int(),
  nombre_tipo: z.string(),
  es_obligatorio: z.boolean(),
  categoria: z.string(),
  descripcion: nulo,
  orden: z.number().int(),
});
export const ConceptosPago = lista({
  cod_concepto: z.string(),
  nom_concepto: z.string(),
  monto_usd: z.string(),
  descripcion: nulo,
});
