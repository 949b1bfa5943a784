import { puente } from '../puente';
import { crearStoreSync } from './store';

export const useSync = crearStoreSync(puente);
