/** Offices, sections, countries and the other shared catalogs (docs/decisiones.md §1), with their seed rows. */
import { columnas, conVersion, INSTANTE_SEMILLA, type DbMigracion } from '../columnas.js';

const sinc = { version: 1, updated_at: INSTANTE_SEMILLA, activo: 1 };

// ISO-3 code, country, nationality, ISO-2: the seed's seven plus the nationalities Panama's offices see most often.
const PAISES: [string, string, string, string][] = [
  ['PAN', 'Panamá', 'Panameña', 'PA'],
  ['USA', 'Estados Unidos', 'Estadounidense', 'US'],
  ['COL', 'Colombia', 'Colombiana', 'CO'],
  ['VEN', 'Venezuela', 'Venezolana', 'VE'],
  ['CRI', 'Costa Rica', 'Costarricense', 'CR'],
  ['MEX', 'México', 'Mexicana', 'MX'],
  ['ESP', 'España', 'Española', 'ES'],
  ['NIC', 'Nicaragua', 'Nicaragüense', 'NI'],
  ['HND', 'Honduras', 'Hondureña', 'HN'],
  ['SLV', 'El Salvador', 'Salvadoreña', 'SV'],
  ['GTM', 'Guatemala', 'Guatemalteca', 'GT'],
  ['CUB', 'Cuba', 'Cubana', 'CU'],
  ['HTI', 'Haití', 'Haitiana', 'HT'],
  ['DOM', 'República Dominicana', 'Dominicana', 'DO'],
  ['ECU', 'Ecuador', 'Ecuatoriana', 'EC'],
  ['PER', 'Perú', 'Peruana', 'PE'],
  ['BOL', 'Bolivia', 'Boliviana', 'BO'],
  ['CHL', 'Chile', 'Chilena', 'CL'],
  ['ARG', 'Argentina', 'Argentina', 'AR'],
  ['BRA', 'Brasil', 'Brasileña', 'BR'],
  ['URY', 'Uruguay', 'Uruguaya', 'UY'],
  ['PRY', 'Paraguay', 'Paraguaya', 'PY'],
  ['CAN', 'Canadá', 'Canadiense', 'CA'],
  ['CHN', 'China', 'China', 'CN'],
  ['IND', 'India', 'India', 'IN'],
  ['AFG', 'Afganistán', 'Afgana', 'AF'],
  ['BGD', 'Bangladés', 'Bangladesí', 'BD'],
  ['NPL', 'Nepal', 'Nepalí', 'NP'],
  ['CMR', 'Camerún', 'Camerunesa', 'CM'],
  ['AGO', 'Angola', 'Angoleña', 'AO'],
  ['SOM', 'Somalia', 'Somalí', 'SO'],
  ['ERI', 'Eritrea', 'Eritrea', 'ER'],
  ['UKR', 'Ucrania', 'Ucraniana', 'UA'],
  ['RUS', 'Rusia', 'Rusa', 'RU'],
  ['ITA', 'Italia', 'Italiana', 'IT'],
  ['FRA', 'Francia', 'Francesa', 'FR'],
  ['DEU', 'Alemania', 'Alemana', 'DE'],
  ['GBR', 'Reino Unido', 'Británica', 'GB'],
];

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await conVersion(
    db,
    db.schema
      .createTable('agencias')
      .addColumn('cod_agencia', c.codigo(2), (col) => col.primaryKey())
      .addColumn('nombre', c.texto(100), (col) => col.notNull())
      .addColumn('cod_region', c.codigo(2))
      .addColumn('tipo', c.codigo(1))
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await conVersion(
    db,
    db.schema
      .createTable('secciones')
      .addColumn('cod_seccion', c.codigo(2), (col) => col.primaryKey())
      .addColumn('nombre', c.texto(100), (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await conVersion(
    db,
    db.schema
      .createTable('paises')
      .addColumn('cod_pais', c.codigo(3), (col) => col.primaryKey())
      .addColumn('nombre', c.texto(100), (col) => col.notNull())
      .addColumn('nacionalidad', c.texto(100), (col) => col.notNull())
      .addColumn('iso_alpha2', c.codigo(2), (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await conVersion(
    db,
    db.schema
      .createTable('sexos')
      .addColumn('cod_sexo', c.codigo(1), (col) => col.primaryKey())
      .addColumn('nombre', c.texto(30), (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await conVersion(
    db,
    db.schema
      .createTable('estados_civiles')
      .addColumn('cod_estado_civil', c.codigo(1), (col) => col.primaryKey())
      .addColumn('nombre', c.texto(30), (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await db.schema
    .createTable('roles')
    .addColumn('cod_rol', c.codigo(20), (col) => col.primaryKey())
    .addColumn('nombre', c.texto(100), (col) => col.notNull())
    .execute();

  await db
    .insertInto('agencias')
    .values([
      { cod_agencia: '01', nombre: 'Aeropuerto Internacional de Tocumen', cod_region: '01', tipo: 'A', ...sinc },
      { cod_agencia: '02', nombre: 'Oficina Central SNM', cod_region: '01', tipo: null, ...sinc },
      { cod_agencia: '03', nombre: 'Paso Canoas', cod_region: '04', tipo: 'T', ...sinc },
      { cod_agencia: '04', nombre: 'Darién', cod_region: '01', tipo: 'T', ...sinc },
    ])
    .execute();
  await db
    .insertInto('secciones')
    .values(
      ['Entrada', 'Salida', 'Trámites', 'Impedimentos', 'Naturalización'].map((nombre, i) => ({
        cod_seccion: `0${i + 1}`,
        nombre,
        ...sinc,
      })),
    )
    .execute();
  await db
    .insertInto('paises')
    .values(
      PAISES.map(([cod_pais, nombre, nacionalidad, iso_alpha2]) => ({
        cod_pais,
        nombre,
        nacionalidad,
        iso_alpha2,
        ...sinc,
      })),
    )
    .execute();
  await db
    .insertInto('sexos')
    .values([
      { cod_sexo: 'M', nombre: 'Masculino', ...sinc },
      { cod_sexo: 'F', nombre: 'Femenino', ...sinc },
      { cod_sexo: 'X', nombre: 'No binario / otro', ...sinc },
    ])
    .execute();
  await db
    .insertInto('estados_civiles')
    .values(
      [
        ['S', 'Soltero(a)'],
        ['C', 'Casado(a)'],
        ['D', 'Divorciado(a)'],
        ['V', 'Viudo(a)'],
        ['U', 'Unión Libre'],
      ].map(([cod_estado_civil, nombre]) => ({ cod_estado_civil, nombre, ...sinc })),
    )
    .execute();
  await db
    .insertInto('roles')
    .values([
      { cod_rol: 'RECEPCION', nombre: 'Recepción (ventanilla)' },
      { cod_rol: 'ANALISTA', nombre: 'Analista' },
      { cod_rol: 'SUPERVISOR', nombre: 'Supervisor (jefatura / dirección)' },
      { cod_rol: 'ADMIN', nombre: 'Administrador (TI)' },
      { cod_rol: 'CONSULTA', nombre: 'Consulta (solo lectura)' },
    ])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  for (const t of ['roles', 'estados_civiles', 'sexos', 'paises', 'secciones', 'agencias'])
    await db.schema.dropTable(t).execute();
}
