/** npm run seed:demo -- --cases N [--seed S]: fills a database with deterministic demo data (and the demo users if missing). */
import { cargarDemo, crearUsuariosDemo } from '../demo/cargar.js';
import { argumentos, conBaseDeDatos } from './comun.js';

await conBaseDeDatos(async (db, config) => {
  const args = argumentos(process.argv.slice(2));
  const casos = Number(args.get('cases') ?? args.get('casos') ?? 300);
  if (!Number.isInteger(casos) || casos < 1) throw new Error('--cases debe ser un entero positivo');
  const hayUsuarios = await db
    .selectFrom('usuarios')
    .select('id')
    .where('username', '=', 'recepcion')
    .executeTakeFirst();
  if (!hayUsuarios) await crearUsuariosDemo(db, config.demo.password);
  const inicio = performance.now();
  await cargarDemo(db, {
    casos,
    semilla: Number(args.get('seed') ?? 2026),
    uploadDir: config.uploads.dir,
    alAvanzar: (n) => process.stdout.write(`\r${n} / ${casos} casos`),
  });
  console.log(`\n${casos} casos de demostración cargados en ${((performance.now() - inicio) / 1000).toFixed(1)} s`);
});
