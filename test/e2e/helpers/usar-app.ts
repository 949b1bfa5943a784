/**
 * The app of one e2e file: started before its tests and closed after them whatever happened (cerrar() also checks that
 * no port or browser stays open). With `usuario`, the tests start signed in on the caseload.
 */
import { afterAll, beforeAll } from 'vitest';
import { iniciarApp, type AppDePrueba } from './app.js';
import { esperarBandeja, iniciarSesion } from './pantallas.js';

/** Returns a getter: the app exists once the file's beforeAll has run. */
export function usarApp(o: { usuario?: string } = {}): () => AppDePrueba {
  let app: AppDePrueba | undefined;
  beforeAll(async () => {
    app = await iniciarApp();
    if (o.usuario) {
      await iniciarSesion(app.pagina, o.usuario);
      await esperarBandeja(app.pagina);
    }
  }, 180_000);
  afterAll(async () => {
    await app?.cerrar();
  });
  return () => {
    if (!app) throw new Error('La app de prueba no arrancó (ver el error de beforeAll)');
    return app;
  };
}
