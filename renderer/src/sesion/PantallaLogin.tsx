import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Boton, Campo, MensajeError } from '../ui';
import { CampoContrasena } from './CampoContrasena';
import { Portada } from './Portada';
import { useSesion } from './useSesion';

export function PantallaLogin() {
  const { t } = useTranslation('sesion');
  const { login, error, ocupado } = useSesion();
  const [usuario, setUsuario] = useState('');
  const [contrasena, setContrasena] = useState('');
  const enviar = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await login(usuario, contrasena))) setContrasena('');
  };
  return (
    <Portada titulo={t('tituloLogin')}>
      <form className="formulario" onSubmit={enviar}>
        <p className="texto-suave">{t('ayudaLogin')}</p>
        {error && <MensajeError error={error} />}
        <Campo etiqueta={t('usuario')}>
          {(p) => (
            <input
              {...p}
              className="control"
              name="username"
              autoComplete="username"
              autoFocus
              required
              value={usuario}
              onChange={(e) => setUsuario(e.target.value)}
            />
          )}
        </Campo>
        <CampoContrasena etiqueta={t('contrasena')} valor={contrasena} onCambio={setContrasena} mostrable />
        <Boton variante="primario" type="submit" disabled={ocupado}>
          {ocupado ? t('ingresando') : t('ingresar')}
        </Boton>
      </form>
    </Portada>
  );
}
