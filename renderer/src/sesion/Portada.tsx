import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The centred card of the screens shown before the desk opens (login, lock, locked account). */
export function Portada(props: { titulo: string; children: ReactNode }) {
  const { t } = useTranslation('sesion');
  return (
    <main className="portada">
      <div className="portada__marca">
        <span className="portada__logo" aria-hidden="true">
          SNM
        </span>
        <div>
          <p className="portada__producto">{t('producto')}</p>
          <p className="portada__institucion">{t('institucion')}</p>
        </div>
      </div>
      <section className="tarjeta portada__tarjeta" aria-labelledby="portada-titulo">
        <h1 id="portada-titulo" className="portada__titulo">
          {props.titulo}
        </h1>
        {props.children}
      </section>
    </main>
  );
}
