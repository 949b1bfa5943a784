import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { puente } from '../puente';
import { mensajeDeError } from '../puente';
import { base64ABytes } from './archivos';
import { ProgresoArchivo } from './ProgresoArchivo';
import { VisorArchivo, type ArchivoVisible } from './VisorArchivo';
import './textos';

/**
 * A case document in the viewer. `documentos.abrir` answers from the local cache when the file is there (offline too)
 * and downloads it otherwise; the download's progress arrives as `documentos.progreso` events keyed by sha256.
 */
export function VisorDocumento(props: { documentoId: string; nombre: string; sha256?: string; onCerrar: () => void }) {
  const { t } = useTranslation('visor');
  const [archivo, setArchivo] = useState<ArchivoVisible | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let vigente = true;
    setArchivo(null);
    setError(null);
    puente['documentos.abrir']({ id: props.documentoId }).then(
      (a) =>
        vigente && setArchivo({ nombre: a.nombre_archivo, mime: a.mime_type, bytes: base64ABytes(a.contenido_base64) }),
      (e: unknown) => vigente && setError(mensajeDeError(e)),
    );
    return () => {
      vigente = false;
    };
  }, [props.documentoId]);

  return (
    <VisorArchivo archivo={archivo} titulo={props.nombre} onCerrar={props.onCerrar}>
      {error ? (
        <p role="alert" className="visor-error">
          {t('errorAbrir')}: {error}
        </p>
      ) : (
        <div role="status">
          <p>{t('cargando')}</p>
          {props.sha256 && <ProgresoArchivo sha256={props.sha256} nombre={props.nombre} />}
        </div>
      )}
    </VisorArchivo>
  );
}
