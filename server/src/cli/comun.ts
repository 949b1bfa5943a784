/** What every CLI shares: configuration and an open, migrated database, closed on the way out. */
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

export async function conBaseDeDatos(
  fn: (db: Db, config: Config) => Promise<void>,
  { migrar = true } = {},
): Promise<void> {
  let db: Db | undefined;
  try {
    const config = loadConfig();
    db = openDatabase(config.database);
    if (migrar) await migrateToLatest(db);
    await fn(db, config);
  } catch (e) {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    await db?.destroy();
  }
}

/** `--name value` and `--flag` arguments. */
export function argumentos(argv: string[]): Map<string, string | true> {
  const m = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const siguiente = argv[i + 1];
    if (siguiente !== undefined && !siguiente.startsWith('--')) {
      m.set(a.slice(2), siguiente);
      i++;
    } else m.set(a.slice(2), true);
  }
  return m;
}
