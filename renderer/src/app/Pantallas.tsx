/** Which screen each destination shows. Feature screens live in their own folders and take only their id. */
import { PantallaAjustes } from '../ajustes/PantallaAjustes';
import { PantallaAprobacion } from '../aprobacion/PantallaAprobacion';
import { PantallaBandeja } from '../bandeja/PantallaBandeja';
import { PantallaExpediente } from '../expediente/PantallaExpediente';
import { PantallaRegistro } from '../registro/PantallaRegistro';
import { PanelConflictos } from '../sync/PanelConflictos';
import { PantallaTablero } from '../tablero/PantallaTablero';
import { PantallaTramite } from '../tramite/PantallaTramite';
import type { Destino } from './navegacion';

export function Pantalla({ destino }: { destino: Destino }) {
  switch (destino.pantalla) {
    case 'bandeja':
      return <PantallaBandeja />;
    case 'expediente':
      return <PantallaExpediente key={destino.id} id={destino.id} />;
    case 'tramite':
      return <PantallaTramite key={destino.id} id={destino.id} />;
    case 'registro':
      return <PantallaRegistro />;
    case 'aprobacion':
      return <PantallaAprobacion />;
    case 'tablero':
      return <PantallaTablero />;
    case 'ajustes':
      return <PantallaAjustes />;
    case 'conflictos':
      return <PanelConflictos />;
  }
}
