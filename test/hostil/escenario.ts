/**
 * The stage of the hostile suite: a real server with the demo data, one officer of every role in two offices, the ids of
 * each office's rows, and a watcher that tells whether anything was written (database or uploads folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROLES, type Rol } from '#shared/roles';
import { SISTEMA } from '../../server/src/contexto.js';
import { crearUsuario } from '../../server/src/modules/auth/service.js';
import { iniciarServidor, PASSWORD_DEMO, type OpcionesServidor, type ServidorDePrueba } from '../helpers/servidor.js';

export const OFICINA_PROPIA = '02';
export const OFICINA_AJENA = '04';
export type Oficina = typeof OFICINA_PROPIA | typeof OFICINA_AJENA;

/** Rows an operation's path or command can name, per office. */
export interface IdsDeOficina {
  solicitudes: string[];
  solicitantes: string[];
  documentos: string[];
  entrevistas: string[];
  instancias: string[];
  sha256: string[];
  usuarios: string[];
}

export interface Escenario {
  s: ServidorDePrueba;
  /** Access token of the officer of `rol` in `oficina` (usernames `hostil.<rol>.<oficina>`). */
  token(rol: Rol, oficina: Oficina): string;
  ids: Record<Oficina, IdsDeOficina>;
  /** Template ids (global, not per office). */
  workflows: string[];
  vigia: Vigia;
  cerrar(): Promise<void>;
}

export const usuarioHostil = (rol: Rol, oficina: Oficina) => `hostil.${rol.toLowerCase()}.${oficina}`;

/**
 * Whether anything was committed since the last mark: SQLite's data_version (bumped by any other connection's commit)
 * and the list of files under the uploads folder (name and size).
 */
export class Vigia {
  private readonly lector: Database.Database;
  private version = 0;
  private archivos = '';

  constructor(
    archivoDb: string,
    private readonly uploads: string,
  ) {
    this.lector = new Database(archivoDb, { readonly: true, fileMustExist: true });
    this.marcar();
  }

  private versionDb = () => Number(this.lector.pragma('data_version', { simple: true }));

  listarUploads(): string {
    if (!fs.existsSync(this.uploads)) return '';
    return (fs.readdirSync(this.uploads, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((d) => d.isFile())
      .map((d) => {
        const ruta = path.join(d.parentPath, d.name);
        return `${path.relative(this.uploads, ruta)}:${fs.statSync(ruta).size}`;
      })
      .sort()
      .join('\n');
  }

  marcar(): void {
    this.version = this.versionDb();
    this.archivos = this.listarUploads();
  }

  /** What changed since the last mark ([] = nothing); marks again. */
  cambios(): string[] {
    const cambios: string[] = [];
    if (this.versionDb() !== this.version) cambios.push('la base de datos');
    const archivos = this.listarUploads();
    if (archivos !== this.archivos) cambios.push(`la carpeta de documentos (${archivos.split('\n').length} archivos)`);
    this.marcar();
    return cambios;
  }

  /**
   * Per table (but `excepto`): row count, highest rowid and the sum of `version`. An INSERT or DELETE moves the first
   * two, an UPDATE of a synced row moves the third (every edit bumps its version): cheap enough to take per request.
   */
  huella(excepto: string[] = []): string {
    return this.tablas()
      .filter((t) => !excepto.includes(t))
      .map((t) => {
        const conVersion = (this.lector.pragma(`table_info("${t}")`) as { name: string }[]).some(
          (c) => c.name === 'version',
        );
        const fila = this.lector
          .prepare(`select count(*), max(rowid)${conVersion ? ', total(version)' : ''} from "${t}"`)
          .raw()
          .get();
        return `${t}:${JSON.stringify(fila)}`;
      })
      .join('\n');
  }

  private tablas(): string[] {
    return (
      this.lector
        // Plain tables only: FTS virtual tables and their shadows mirror rows counted elsewhere.
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL%' and name not like '%fts%' order by name",
        )
        .pluck()
        .all() as string[]
    );
  }

  cerrar(): void {
    this.lector.close();
  }
}

async function idsDe(s: ServidorDePrueba, oficina: Oficina): Promise<IdsDeOficina> {
  const columna = <T extends string>(filas: Record<T, unknown>[], c: T) => filas.map((f) => String(f[c]));
  const solicitudes = await s.db
    .selectFrom('ppsh_solicitudes')
    .select('id')
    .where('cod_agencia', '=', oficina)
    .orderBy('id')
    .limit(40)
    .execute();
  const enSolicitudes = solicitudes.map((x) => x.id);
  const hijas = async (tabla: 'ppsh_solicitantes' | 'ppsh_documentos' | 'ppsh_entrevistas') =>
    enSolicitudes.length
      ? columna(
          await s.db.selectFrom(tabla).select('id').where('solicitud_id', 'in', enSolicitudes).limit(40).execute(),
          'id',
        )
      : [];
  const documentos = enSolicitudes.length
    ? await s.db
        .selectFrom('ppsh_documentos')
        .select(['id', 'sha256'])
        .where('solicitud_id', 'in', enSolicitudes)
        .limit(40)
        .execute()
    : [];
  return {
    solicitudes: enSolicitudes,
    solicitantes: await hijas('ppsh_solicitantes'),
    documentos: documentos.map((d) => d.id),
    entrevistas: await hijas('ppsh_entrevistas'),
    instancias: columna(
      await s.db.selectFrom('workflow_instancias').select('id').where('cod_agencia', '=', oficina).limit(40).execute(),
      'id',
    ),
    sha256: [...new Set(documentos.map((d) => d.sha256).filter((x): x is string => Boolean(x)))],
    usuarios: columna(
      await s.db.selectFrom('usuarios').select('id').where('cod_agencia', '=', oficina).execute(),
      'id',
    ),
  };
}

export async function iniciarEscenario(o: OpcionesServidor = {}): Promise<Escenario> {
  const s = await iniciarServidor(o);
  const tokens = new Map<string, string>();
  for (const oficina of [OFICINA_PROPIA, OFICINA_AJENA] as const)
    for (const rol of ROLES)
      await crearUsuario(
        s.db,
        { actor: SISTEMA },
        {
          username: usuarioHostil(rol, oficina),
          nombre: `Prueba ${rol} ${oficina}`,
          rol,
          cod_agencia: oficina,
          password: PASSWORD_DEMO,
        },
      );
  await Promise.all(
    ROLES.flatMap((rol) =>
      [OFICINA_PROPIA, OFICINA_AJENA].map(async (oficina) =>
        tokens.set(`${rol}.${oficina}`, (await s.login(usuarioHostil(rol, oficina as Oficina))).access_token),
      ),
    ),
  );
  const vigia = new Vigia(s.config.database.kind === 'sqlite' ? s.config.database.file : '', s.config.uploads.dir);
  return {
    s,
    token: (rol, oficina) => tokens.get(`${rol}.${oficina}`)!,
    ids: { [OFICINA_PROPIA]: await idsDe(s, OFICINA_PROPIA), [OFICINA_AJENA]: await idsDe(s, OFICINA_AJENA) },
    workflows: (await s.db.selectFrom('workflows').select('id').execute()).map((w) => w.id),
    vigia,
    async cerrar() {
      vigia.cerrar();
      await s.cerrar();
    },
  };
}
