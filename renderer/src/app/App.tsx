import { useEffect } from 'react';
import { useAjustes } from '../ajustes/useAjustes';
import { PantallaBloqueo, PantallaCuentaBloqueada } from '../sesion/PantallaBloqueo';
import { PantallaLogin } from '../sesion/PantallaLogin';
import { useSesion } from '../sesion/useSesion';
import { useSync } from '../sync/useSync';
import { Cargando } from '../ui';
import { Marco } from './Marco';

/** The session decides what the officer sees: sign-in, the lock screen, or the desk. */
export function App() {
  const sesion = useSesion((s) => s.estado);
  const iniciarSesion = useSesion((s) => s.iniciar);
  const iniciarSync = useSync((s) => s.iniciar);
  const iniciarAjustes = useAjustes((s) => s.iniciar);
  useEffect(() => {
    // The language first: the sign-in screen already speaks the officer's language.
    void iniciarAjustes();
    void iniciarSesion();
    void iniciarSync();
  }, [iniciarAjustes, iniciarSesion, iniciarSync]);

  if (!sesion) return <Cargando />;
  if (sesion.estado === 'activa' && sesion.usuario) return <Marco usuario={sesion.usuario} />;
  // A disabled account has no way back from this desk; a session the server ended (its time limit, a revocation, a
  // password changed elsewhere) only needs the password again, online.
  if (sesion.motivo?.code === 'CUENTA_INACTIVA') return <PantallaCuentaBloqueada motivo={sesion.motivo} />;
  if (sesion.estado === 'bloqueada' && sesion.usuario) return <PantallaBloqueo sesion={sesion} />;
  return <PantallaLogin />;
}
