/**
 * "Mi cuenta": her own password and her open sessions. Online only (the server decides both): offline it says so and
 * offers nothing. The server's refusals are shown as they come (Spanish, by stable code); a wrong current password or
 * a new one the policy refuses lands under its field (details.campo).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAXIMO, PASSWORD_MINIMO } from '#shared/auth/politica';
import type { SesionServidor } from '#shared/bridge/tipos';
import { useAvisos } from '../app/avisos';
import { puente } from '../puente';
import { esErrorPuente, mensajeDeError } from '../puente/error-puente';
import { CampoContrasena } from '../sesion/CampoContrasena';
import { useSesion } from '../sesion/useSesion';
import { useSync } from '../sync/useSync';
import { Aviso, Boton, Cargando, Insignia, MensajeError, Tarjeta, formatearFechaHora } from '../ui';
import { fortaleza } from './fortaleza';
import './cuenta.css';
import './textos';

type CampoPassword = 'actual' | 'nueva' | 'repetir';

/** The field a server refusal names (`details.campo`), if it is one of this form's. */
function campoDelError(e: unknown): CampoPassword | null {
  const campo = esErrorPuente(e) ? (e.details as { campo?: unknown } | undefined)?.campo : undefined;
  return campo === 'actual' || campo === 'nueva' ? campo : null;
}

export function PantallaCuenta() {
  const { t } = useTranslation('cuenta');
  const sinConexion = useSync((s) => s.estado?.conectado === false);
  return (
    <section className="cuenta" aria-labelledby="titulo-cuenta">
      <div className="cabecera-pantalla">
        <h1 id="titulo-cuenta">{t('titulo')}</h1>
      </div>
      {sinConexion ? (
        <Aviso>{t('sinConexion')}</Aviso>
      ) : (
        <div className="cuenta__columnas">
          <CambioPassword />
          <MisSesiones />
        </div>
      )}
    </section>
  );
}

function CambioPassword() {
  const { t } = useTranslation('cuenta');
  const username = useSesion((s) => s.estado?.usuario?.username ?? '');
  const avisar = useAvisos((s) => s.avisar);
  const [form, setForm] = useState<Record<CampoPassword, string>>({ actual: '', nueva: '', repetir: '' });
  const [errores, setErrores] = useState<Partial<Record<CampoPassword, string>>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const [hecho, setHecho] = useState(false);
  const [ocupado, setOcupado] = useState(false);
  const f = fortaleza(form.nueva, username);
  const cambiar = (c: CampoPassword) => (v: string) => {
    setForm((x) => ({ ...x, [c]: v }));
    // The server's refusal was about what she typed before: it goes once she edits that field.
    setErrores((x) => ({ ...x, [c]: undefined }));
    setHecho(false);
  };

  const enviar = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    setHecho(false);
    if (form.nueva !== form.repetir) return setErrores({ repetir: t('password.noCoinciden') });
    setErrores({});
    setOcupado(true);
    try {
      await puente['cuenta.cambiarPassword']({ actual: form.actual, nueva: form.nueva });
      setForm({ actual: '', nueva: '', repetir: '' });
      setHecho(true);
      avisar(t('password.cambiada'), 'exito');
    } catch (err) {
      const campo = campoDelError(err);
      if (campo) setErrores({ [campo]: mensajeDeError(err) });
      else setGeneral(err);
    } finally {
      setOcupado(false);
    }
  };

  const marca = (bien: boolean) => (
    <span className={`cuenta__marca cuenta__marca--${bien ? 'bien' : 'mal'}`} aria-hidden="true">
      {bien ? '✓' : '✗'}
    </span>
  );
  const escrita = form.nueva !== '';
  return (
    <Tarjeta className="cuenta__tarjeta">
      <form className="formulario" onSubmit={enviar} noValidate aria-labelledby="titulo-cambio-password">
        <h2 id="titulo-cambio-password">{t('password.titulo')}</h2>
        <p className="texto-suave">{t('password.intro')}</p>
        {Boolean(general) && <MensajeError error={general} />}
        {hecho && <Aviso tono="info">{t('password.cambiada')}</Aviso>}
        <CampoContrasena
          etiqueta={t('password.actual')}
          nombre="actual"
          valor={form.actual}
          onCambio={cambiar('actual')}
          error={errores.actual}
          mostrable
        />
        <CampoContrasena
          etiqueta={t('password.nueva')}
          nombre="nueva"
          autoComplete="new-password"
          valor={form.nueva}
          onCambio={cambiar('nueva')}
          error={errores.nueva}
          mostrable
        />
        <div className="cuenta__fortaleza" aria-live="polite">
          <p className="cuenta__nivel">
            {t('password.fortaleza')}:{' '}
            <Insignia tono={f.nivel === 'debil' ? 'peligro' : f.nivel === 'vacia' ? 'neutra' : 'exito'}>
              {t(`password.nivel.${f.nivel}`)}
            </Insignia>
          </p>
          <meter
            className="cuenta__medidor"
            min={0}
            max={PASSWORD_MINIMO * 2}
            low={PASSWORD_MINIMO}
            high={PASSWORD_MINIMO * 2 - 1}
            optimum={PASSWORD_MINIMO * 2}
            value={Math.min(f.largo, PASSWORD_MINIMO * 2)}
            aria-label={t('password.largo', { n: f.largo, min: PASSWORD_MINIMO, max: PASSWORD_MAXIMO })}
          />
          <ul className="cuenta__requisitos">
            <li>
              {marca(f.largoBien)}
              {f.largo > PASSWORD_MAXIMO
                ? t('password.largoExcedido', { n: f.largo, max: PASSWORD_MAXIMO })
                : t('password.largo', { n: f.largo, min: PASSWORD_MINIMO, max: PASSWORD_MAXIMO })}
            </li>
            <li>
              {marca(escrita && !f.comun)}
              {f.comun ? t('password.comun') : t('password.noComun')}
            </li>
            <li>
              {marca(escrita && !f.conUsuario)}
              {f.conUsuario ? t('password.conUsuario') : t('password.sinUsuario')}
            </li>
          </ul>
        </div>
        <CampoContrasena
          etiqueta={t('password.repetir')}
          nombre="repetir"
          autoComplete="new-password"
          valor={form.repetir}
          onCambio={cambiar('repetir')}
          error={errores.repetir}
          mostrable
        />
        <div className="fila-botones">
          <Boton type="submit" variante="primario" disabled={ocupado}>
            {ocupado ? t('password.cambiando') : t('password.cambiar')}
          </Boton>
        </div>
      </form>
    </Tarjeta>
  );
}

function MisSesiones() {
  const { t, i18n } = useTranslation('cuenta');
  const avisar = useAvisos((s) => s.avisar);
  const [sesiones, setSesiones] = useState<SesionServidor[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [password, setPassword] = useState('');
  const [errorPassword, setErrorPassword] = useState<string | null>(null);
  const [ocupado, setOcupado] = useState(false);

  const cargar = useCallback(() => {
    setError(null);
    puente['cuenta.sesiones']({}).then(setSesiones, (e: unknown) => setError(e));
  }, []);
  // A password change elsewhere on this screen ends the others: the list follows the session the desk holds.
  const usuario = useSesion((s) => s.estado);
  useEffect(cargar, [cargar, usuario]);

  const cerrar = async (id?: string) => {
    if (!password) return setErrorPassword(t('sesiones.faltaPassword'));
    setErrorPassword(null);
    setError(null);
    setOcupado(true);
    try {
      const { cerradas } = await puente['cuenta.cerrarSesiones']({ password, ...(id ? { id } : {}) });
      setPassword('');
      avisar(t('sesiones.cerradas', { count: cerradas }), 'exito');
      cargar();
    } catch (err) {
      if (esErrorPuente(err) && err.code === 'VALIDACION') setErrorPassword(err.message);
      else setError(err);
    } finally {
      setOcupado(false);
    }
  };

  const fecha = (v: string) => formatearFechaHora(v, i18n.language);
  const otras = sesiones?.filter((s) => !s.actual).length ?? 0;
  return (
    <Tarjeta className="cuenta__tarjeta">
      <div className="cuenta__cabecera">
        <h2 id="titulo-sesiones">{t('sesiones.titulo')}</h2>
        <Boton pequeno onClick={cargar}>
          {t('sesiones.actualizar')}
        </Boton>
      </div>
      <p className="texto-suave">{t('sesiones.intro')}</p>
      {Boolean(error) && <MensajeError error={error} />}
      {!sesiones && !error && <Cargando />}
      {sesiones && (
        <table className="cuenta__sesiones" aria-labelledby="titulo-sesiones">
          <thead>
            <tr>
              <th scope="col">{t('sesiones.dispositivo')}</th>
              <th scope="col">{t('sesiones.origen')}</th>
              <th scope="col">{t('sesiones.inicio')}</th>
              <th scope="col">{t('sesiones.ultimoUso')}</th>
              <th scope="col">
                <span className="sr-only">{t('sesiones.cerrar')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sesiones.map((s) => (
              <tr key={s.id} className={s.actual ? 'cuenta__actual' : undefined}>
                <td>
                  {s.dispositivo ?? t('sesiones.desconocido')}{' '}
                  {s.actual && <Insignia tono="info">{t('sesiones.estaEstacion')}</Insignia>}
                </td>
                <td>{s.origen ?? '—'}</td>
                <td>{fecha(s.creada_en)}</td>
                <td>{fecha(s.ultimo_uso)}</td>
                <td>
                  {!s.actual && (
                    <Boton
                      pequeno
                      disabled={ocupado}
                      aria-label={t('sesiones.cerrarDe', { dispositivo: s.dispositivo ?? t('sesiones.desconocido') })}
                      onClick={() => void cerrar(s.id)}
                    >
                      {t('sesiones.cerrar')}
                    </Boton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sesiones && otras === 0 && <p className="texto-suave">{t('sesiones.ninguna')}</p>}
      {otras > 0 && (
        <form
          className="formulario"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void cerrar();
          }}
        >
          <CampoContrasena
            etiqueta={t('sesiones.password')}
            nombre="password-sesiones"
            valor={password}
            onCambio={setPassword}
            error={errorPassword}
            mostrable
          />
          <div className="fila-botones">
            <Boton type="submit" variante="peligro" disabled={ocupado}>
              {t('sesiones.cerrarOtras')}
            </Boton>
          </div>
        </form>
      )}
    </Tarjeta>
  );
}
