import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mensajeDeError, puente } from '../puente';
import { Cargando } from '../ui';
import { base64ABytes } from './archivos';
import { VisorArchivo, type ArchivoVisible } from './VisorArchivo';
import './textos';

/** The applicant's receipt, built by the core with pdf-lib (offline too), shown in the viewer to print or save. */
export function VisorRecibo(props: { id: string; numero: string; onCerrar: () => void }) {
  const { t } = useTranslation('visor');
  const [archivo, setArchivo] = useState<ArchivoVisible | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let vigente = true;
    puente['recibo.generar']({ id: props.id }).then(
      (r) =>
        vigente &&
        setArchivo({ nombre: r.nombre_archivo, mime: 'application/pdf', bytes: base64ABytes(r.contenido_base64) }),
      (e: unknown) => vigente && setError(mensajeDeError(e)),
    );
    return () => {
      vigente = false;
    };
  }, [props.id]);
  return (
    <VisorArchivo archivo={archivo} titulo={t('recibo', { numero: props.numero })} onCerrar={props.onCerrar}>
      {error ? (
        <p role="alert" className="visor-error">
          {error}
        </p>
      ) : (
        <Cargando texto={t('generandoRecibo')} />
      )}
    </VisorArchivo>
  );
}
