import { puente } from '../puente';
import { crearStoreBandeja } from './store';

export const useBandeja = crearStoreBandeja(puente);
