import { puente } from '../puente';
import { crearStoreSesion } from './store';

export const useSesion = crearStoreSesion(puente);
