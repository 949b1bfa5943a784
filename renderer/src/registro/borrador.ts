/**
 * The counter form's draft: plain strings as the officer types them, turned into the shared `SolicitudNueva` and
 * checked with the same zod schema the core and the server use, so every message shown here is the one they would
 * give. The draft lives in a store so moving between steps (or to another screen and back) loses nothing.
 */
import { create } from 'zustand';
import '#shared/zod-es';
import { SolicitanteCambios, SolicitudNueva } from '#shared/ppsh/schemas';
import type { ArchivoElegido } from '../visor/archivos';

export const CAMPOS_PERSONA = [
  'tipo_documento',
  'num_documento',
  'pais_emisor',
  'fecha_emision_doc',
  'fecha_vencimiento_doc',
  'primer_nombre',
  'segundo_nombre',
  'primer_apellido',
  'segundo_apellido',
  'fecha_nacimiento',
  'cod_sexo',
  'cod_nacionalidad',
  'cod_estado_civil',
  'email',
  'telefono',
  'direccion_panama',
  'ocupacion',
  'parentesco_titular',
] as const;
export type CampoPersona = (typeof CAMPOS_PERSONA)[number];
export type PersonaBorrador = Record<CampoPersona, string> & { clave: string };

export const CAMPOS_CASO = [
  'cod_causa_humanitaria',
  'prioridad',
  'descripcion_caso',
  'observaciones_generales',
] as const;
export type CampoCaso = (typeof CAMPOS_CASO)[number];

export interface DocumentoBorrador {
  clave: string;
  cod_tipo_documento: number;
  archivo: ArchivoElegido;
}

export interface Borrador {
  titular: PersonaBorrador;
  dependientes: PersonaBorrador[];
  caso: Record<CampoCaso, string>;
  documentos: DocumentoBorrador[];
}

let siguiente = 0;
const clave = () => `k${++siguiente}`;

export const personaVacia = (): PersonaBorrador => ({
  ...(Object.fromEntries(CAMPOS_PERSONA.map((c) => [c, ''])) as Record<CampoPersona, string>),
  tipo_documento: 'PASAPORTE',
  clave: clave(),
});

const borradorVacio = (): Borrador => ({
  titular: personaVacia(),
  dependientes: [],
  caso: { cod_causa_humanitaria: '', prioridad: 'NORMAL', descripcion_caso: '', observaciones_generales: '' },
  documentos: [],
});

/** Empty text is "not given" for the schema (optional fields), never an empty string the server would store. */
function persona(p: PersonaBorrador, esTitular: boolean) {
  const valores: Record<string, unknown> = { es_titular: esTitular };
  for (const c of CAMPOS_PERSONA) {
    const v = p[c].trim();
    if (v && !(esTitular && c === 'parentesco_titular')) valores[c] = c === 'num_documento' ? v.toUpperCase() : v;
  }
  return valores;
}

/** The draft as the bridge's `ppsh.registrar` argument (not yet validated). */
export function solicitudDe(b: Borrador): Record<string, unknown> {
  const caso: Record<string, unknown> = {
    tipo_solicitud: b.dependientes.length ? 'GRUPAL' : 'INDIVIDUAL',
    prioridad: b.caso.prioridad,
    solicitantes: [persona(b.titular, true), ...b.dependientes.map((d) => persona(d, false))],
  };
  if (b.caso.cod_causa_humanitaria) caso.cod_causa_humanitaria = Number(b.caso.cod_causa_humanitaria);
  for (const c of ['descripcion_caso', 'observaciones_generales'] as const)
    if (b.caso[c].trim()) caso[c] = b.caso[c].trim();
  return caso;
}

/**
 * Field errors by the form's own keys: `titular.<campo>`, `dependiente.<i>.<campo>`, `caso.<campo>`; a missing
 * causa reads "Seleccione una causa humanitaria" rather than zod's generic "required".
 * zod runs an object's cross-field checks (cédula format, birth date, document dates) only once every field parses, so
 * each person is also checked alone with the shared edit schema, which carries the same checks over optional fields:
 * the officer sees "Cédula inválida" as soon as she leaves the field, not after filling the whole form.
 */
export function erroresDe(b: Borrador): Record<string, string> {
  const errores: Record<string, string> = {};
  // A field left empty reaches the schema as "not given": say so in the counter's words, not zod's type message.
  const mensajeDe = (issue: { code: string; message: string }) =>
    issue.code === 'invalid_type' ? 'Campo obligatorio' : issue.message;
  const anotar = (clave: string, issue: { code: string; message: string }) => (errores[clave] ??= mensajeDe(issue));
  const personas = [b.titular, ...b.dependientes];
  personas.forEach((p, i) => {
    const { es_titular: _titular, ...campos } = persona(p, i === 0);
    const r = SolicitanteCambios.safeParse(campos);
    if (!r.success) for (const issue of r.error.issues) anotar(clavePersona(i, issue.path[0]), issue);
  });
  const r = SolicitudNueva.safeParse(solicitudDe(b));
  if (r.success) return errores;
  for (const issue of r.error.issues) {
    const [raiz, i, campo] = issue.path;
    if (raiz === 'solicitantes' && typeof i === 'number') anotar(clavePersona(i, campo), issue);
    else if (raiz === 'solicitantes') anotar('dependientes', issue);
    else
      anotar(
        `caso.${String(raiz)}`,
        raiz === 'cod_causa_humanitaria' ? { code: 'custom', message: 'Seleccione una causa humanitaria' } : issue,
      );
  }
  return errores;
}

const clavePersona = (i: number, campo: PropertyKey | undefined) =>
  i === 0 ? `titular.${String(campo)}` : `dependiente.${i - 1}.${String(campo)}`;

interface EstadoBorrador extends Borrador {
  cambiarTitular(campo: CampoPersona, valor: string): void;
  agregarDependiente(): void;
  cambiarDependiente(i: number, campo: CampoPersona, valor: string): void;
  quitarDependiente(i: number): void;
  cambiarCaso(campo: CampoCaso, valor: string): void;
  agregarDocumento(cod: number, archivo: ArchivoElegido): void;
  quitarDocumento(clave: string): void;
  reiniciar(): void;
}

export const useBorrador = create<EstadoBorrador>((set) => ({
  ...borradorVacio(),
  cambiarTitular: (campo, valor) => set((s) => ({ titular: { ...s.titular, [campo]: valor } })),
  agregarDependiente: () => set((s) => ({ dependientes: [...s.dependientes, personaVacia()] })),
  cambiarDependiente: (i, campo, valor) =>
    set((s) => ({ dependientes: s.dependientes.map((d, j) => (j === i ? { ...d, [campo]: valor } : d)) })),
  quitarDependiente: (i) => set((s) => ({ dependientes: s.dependientes.filter((_, j) => j !== i) })),
  cambiarCaso: (campo, valor) => set((s) => ({ caso: { ...s.caso, [campo]: valor } })),
  agregarDocumento: (cod, archivo) =>
    set((s) => ({ documentos: [...s.documentos, { clave: clave(), cod_tipo_documento: cod, archivo }] })),
  quitarDocumento: (k) => set((s) => ({ documentos: s.documentos.filter((d) => d.clave !== k) })),
  reiniciar: () => set(borradorVacio()),
}));
