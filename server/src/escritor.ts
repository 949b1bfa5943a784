/**
 * The write path every service uses: db/escritura.ts with the offline-sync change feed (modules/sync/cambios.ts)
 * plugged in. The writer lives in db/ and knows nothing of sync; this is the one place the two meet.
 */
import { crearEscritor } from './db/escritura.js';
import { registrarCambio, reservarCambio } from './modules/sync/cambios.js';

export const { insertar, actualizar } = crearEscritor({ reservar: reservarCambio, registrar: registrarCambio });
