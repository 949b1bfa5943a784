import { cambiarIdioma } from '../i18n';
import { puente } from '../puente';
import { crearStoreAjustes } from './store';

export const useAjustes = crearStoreAjustes(puente, cambiarIdioma);
