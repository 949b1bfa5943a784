/**
 * Which screen each destination shows. The caseload, conflicts and settings are in the first bundle (the desk opens on
 * the caseload); the other screens load on first use, so the PDF viewer and the charts never delay the first render.
 */
import { lazy, Suspense } from 'react';
import { PantallaAjustes } from '../ajustes/PantallaAjustes';
import { PantallaBandeja } from '../bandeja/PantallaBandeja';
import { PanelConflictos } from '../sync/PanelConflictos';
import { Cargando } from '../ui';
import type { Destino } from './navegacion';

const PantallaExpediente = lazy(() =>
  import('../expediente/PantallaExpediente').then((m) => ({ default: m.PantallaExpediente })),
);
const PantallaTramite = lazy(() => import('../tramite/PantallaTramite').then((m) => ({ default: m.PantallaTramite })));
const PantallaRegistro = lazy(() =>
  import('../registro/PantallaRegistro').then((m) => ({ default: m.PantallaRegistro })),
);
const PantallaAprobacion = lazy(() =>
  import('../aprobacion/PantallaAprobacion').then((m) => ({ default: m.PantallaAprobacion })),
);
const PantallaCuenta = lazy(() => import('../cuenta/PantallaCuenta').then((m) => ({ default: m.PantallaCuenta })));
const PantallaTablero = lazy(() => import('../tablero/PantallaTablero').then((m) => ({ default: m.PantallaTablero })));

function PantallaDe({ destino }: { destino: Destino }) {
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
    case 'cuenta':
      return <PantallaCuenta />;
    case 'ajustes':
      return <PantallaAjustes />;
    case 'conflictos':
      return <PanelConflictos />;
  }
}

export function Pantalla({ destino }: { destino: Destino }) {
  return (
    <Suspense fallback={<Cargando />}>
      <PantallaDe destino={destino} />
    </Suspense>
  );
}
