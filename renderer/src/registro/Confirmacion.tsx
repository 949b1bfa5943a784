import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavegacion } from '../app/navegacion';
import { useDetalle } from '../expediente/useDetalle';
import { puente } from '../puente';
import { Aviso, Boton, Insignia, MensajeError } from '../ui';
import { ProgresoArchivo } from '../visor/ProgresoArchivo';
import { VisorRecibo } from '../visor/VisorRecibo';
import './textos';

export interface Registrada {
  id: string;
  referencia: string;
  documentos: { sha256: string; nombre: string }[];
  /** Documents the core refused to queue (their messages). */
  fallidos: string[];
}

/** After registering: the number (or provisional reference), the documents' upload, the receipt. */
export function Confirmacion({ registrada, onOtra }: { registrada: Registrada; onOtra: () => void }) {
  const { t } = useTranslation('registro');
  const ir = useNavegacion((s) => s.ir);
  const { detalle: resumen } = useDetalle(() => puente['expedientes.detalle']({ id: registrada.id }), registrada.id);
  const [recibo, setRecibo] = useState(false);
  const numero = resumen?.num_expediente ?? null;
  const pendiente = resumen ? resumen.pendiente_sync : true;

  return (
    <section className="pantalla registro" aria-labelledby="confirmacion-titulo">
      <div className="tarjeta confirmacion">
        <div className="confirmacion__icono" aria-hidden="true">
          ✔
        </div>
        <h1 id="confirmacion-titulo">{t('exito')}</h1>
        <dl className="confirmacion__numeros">
          {numero && (
            <>
              <dt>{t('numero')}</dt>
              <dd className="confirmacion__numero" data-testid="numero-expediente">
                {numero}
              </dd>
            </>
          )}
          <dt>{t('referencia')}</dt>
          <dd className={numero ? '' : 'confirmacion__numero'} data-testid="referencia-provisional">
            {registrada.referencia}
          </dd>
        </dl>
        {pendiente && <Insignia tono="aviso">{t('pendienteSync')}</Insignia>}
        {!numero && <p className="texto-suave">{t('provisionalAyuda')}</p>}
        {registrada.fallidos.length > 0 && <MensajeError error={registrada.fallidos.join(' · ')} />}
        {registrada.documentos.length > 0 && (
          <div className="confirmacion__documentos">
            <h2>{t('subidas')}</h2>
            <ul className="lista-simple">
              {registrada.documentos.map((d) => (
                <li key={d.sha256}>
                  <span>{d.nombre}</span>
                  <ProgresoArchivo sha256={d.sha256} nombre={d.nombre} />
                </li>
              ))}
            </ul>
            {pendiente && <Aviso tono="info">{t('documentosEnCola')}</Aviso>}
          </div>
        )}
        <div className="confirmacion__acciones">
          <Boton variante="primario" onClick={() => setRecibo(true)} autoFocus>
            {t('imprimirRecibo')}
          </Boton>
          <Boton onClick={() => ir({ pantalla: 'expediente', id: registrada.id })}>{t('abrirExpediente')}</Boton>
          <Boton variante="fantasma" onClick={onOtra}>
            {t('otraSolicitud')}
          </Boton>
        </div>
      </div>
      {recibo && (
        <VisorRecibo id={registrada.id} numero={numero ?? registrada.referencia} onCerrar={() => setRecibo(false)} />
      )}
    </section>
  );
}
