import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsuarioSesion } from '#shared/bridge/tipos';
import { ROL_NOMBRES, tienePermiso, type Rol } from '#shared/roles';
import { puente } from '../puente';
import { mensajeDeError } from '../puente/error-puente';
import { AvisosServidor } from '../sesion/AvisosServidor';
import { useSesion } from '../sesion/useSesion';
import { BarraEstado } from '../sync/BarraEstado';
import { useSync } from '../sync/useSync';
import { Boton } from '../ui';
import { buscarCasoPorCodigo } from './abrirCaso';
import { ID_BUSCADOR, useAtajosGlobales } from './atajos';
import { useAvisos } from './avisos';
import { Avisos } from './Avisos';
import { useNavegacion, type Pantalla as NombrePantalla } from './navegacion';
import { Pantalla } from './Pantallas';

interface EntradaMenu {
  pantalla: NombrePantalla;
  icono: string;
  visible(rol: Rol): boolean;
}

const MENU: EntradaMenu[] = [
  { pantalla: 'bandeja', icono: '▤', visible: () => true },
  { pantalla: 'registro', icono: '+', visible: (rol) => tienePermiso(rol, 'solicitud.crear') },
  { pantalla: 'aprobacion', icono: '✓', visible: (rol) => rol === 'SUPERVISOR' || rol === 'ADMIN' },
  { pantalla: 'tablero', icono: '◔', visible: (rol) => tienePermiso(rol, 'estadisticas.ver') },
  { pantalla: 'conflictos', icono: '⇄', visible: () => true },
  { pantalla: 'cuenta', icono: '☺', visible: () => true },
  { pantalla: 'ajustes', icono: '⚙', visible: () => true },
];

/** Case screens belong to the caseload in the menu. */
const SECCION: Partial<Record<NombrePantalla, NombrePantalla>> = { expediente: 'bandeja', tramite: 'bandeja' };

/** The desk once signed in: menu, header with the user, the current screen, the status bar. */
export function Marco({ usuario }: { usuario: UsuarioSesion }) {
  const { t } = useTranslation('app');
  const { destino, ir, anteriores, volver } = useNavegacion();
  const { bloquear, logout } = useSesion();
  const fallidos = useSync((s) => s.estado?.fallidos ?? 0);
  const avisar = useAvisos((s) => s.avisar);

  const buscar = useCallback(() => {
    ir({ pantalla: 'bandeja' });
    // The caseload may be mounting: focus its search box on the next frame.
    requestAnimationFrame(() => document.getElementById(ID_BUSCADOR)?.focus());
  }, [ir]);
  const escaneado = useCallback(
    (codigo: string) => {
      avisar(t('escaneado', { codigo }));
      buscarCasoPorCodigo(puente, codigo)
        .then((d) => (d ? ir(d) : avisar(t('noEncontrado', { codigo }), 'error')))
        .catch((e: unknown) => avisar(mensajeDeError(e), 'error'));
    },
    [avisar, ir, t],
  );
  const bloquearSesion = useCallback(() => void bloquear(), [bloquear]);
  useAtajosGlobales({ activa: true, buscar, bloquear: bloquearSesion, escaneado });

  const seccion = SECCION[destino.pantalla] ?? destino.pantalla;
  return (
    <div className="marco">
      <a className="saltar" href="#contenido">
        {t('saltar')}
      </a>
      <nav className="marco__lateral" aria-label={t('navegacion')}>
        <div className="marco__marca">
          <span className="marco__logo" aria-hidden="true">
            SNM
          </span>
          <span className="marco__producto">Trámites Migratorios</span>
        </div>
        <ul className="menu">
          {MENU.filter((e) => e.visible(usuario.rol)).map((e) => (
            <li key={e.pantalla}>
              <button
                type="button"
                className="menu__entrada"
                aria-current={seccion === e.pantalla ? 'page' : undefined}
                onClick={() => ir({ pantalla: e.pantalla } as Parameters<typeof ir>[0])}
              >
                <span className="menu__icono" aria-hidden="true">
                  {e.icono}
                </span>
                <span>{t(`menu.${e.pantalla}`)}</span>
                {e.pantalla === 'conflictos' && fallidos > 0 && <span className="menu__contador">{fallidos}</span>}
              </button>
            </li>
          ))}
        </ul>
        <p className="marco__atajos">{t('atajos')}</p>
      </nav>
      <div className="marco__principal">
        <header className="marco__cabecera">
          {anteriores.length > 0 && seccion !== destino.pantalla ? (
            <Boton variante="fantasma" pequeno onClick={volver}>
              ← {t('volver')}
            </Boton>
          ) : (
            <span />
          )}
          <div className="marco__usuario">
            <span className="marco__nombre">{usuario.nombre}</span>
            <span className="marco__rol">
              {ROL_NOMBRES[usuario.rol]} · {t('oficina', { codigo: usuario.cod_agencia })}
            </span>
          </div>
          <Boton variante="secundario" pequeno onClick={bloquearSesion} title="Ctrl+L">
            {t('bloquear', { ns: 'sesion' })}
          </Boton>
          <Boton variante="fantasma" pequeno onClick={() => void logout()}>
            {t('cerrarSesion', { ns: 'sesion' })}
          </Boton>
        </header>
        <main id="contenido" className="marco__contenido" tabIndex={-1}>
          <AvisosServidor />
          <Pantalla destino={destino} />
        </main>
        <BarraEstado />
      </div>
      <Avisos />
    </div>
  );
}
