import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idiomaActual } from '../i18n';
import { Aviso, Insignia, MensajeError } from '../ui';
import { ZonaArchivos } from '../ui/ZonaArchivos';
import { MAX_BYTES_DOCUMENTO, TIPOS_ACEPTADOS, leerArchivo, tamanoLegible } from '../visor/archivos';
import { useBorrador } from './borrador';
import type { TipoDocumento } from './checklist';

const ADMITIDO = /\.(pdf|jpe?g|png)$/i;

/** The checklist: each document type with its files, a picker and a drop target per row. */
export function PasoDocumentos({ tipos }: { tipos: TipoDocumento[] }) {
  const { t } = useTranslation('registro');
  const documentos = useBorrador((s) => s.documentos);
  const { agregarDocumento, quitarDocumento } = useBorrador.getState();
  const [rechazados, setRechazados] = useState<string[]>([]);

  const recibir = async (cod: number, archivos: File[]) => {
    const problemas: string[] = [];
    for (const a of archivos) {
      if (!ADMITIDO.test(a.name)) problemas.push(t('tipoNoAdmitido', { nombre: a.name }));
      else if (a.size > MAX_BYTES_DOCUMENTO) problemas.push(t('demasiadoGrande', { nombre: a.name }));
      else agregarDocumento(cod, await leerArchivo(a));
    }
    setRechazados(problemas);
  };

  return (
    <div className="paso-documentos">
      <p className="texto-suave">{t('checklistAyuda')}</p>
      {rechazados.length > 0 && <MensajeError error={rechazados.join(' · ')} />}
      <ul className="checklist" aria-label={t('checklist')}>
        {tipos.map((tipo) => {
          const adjuntos = documentos.filter((d) => d.cod_tipo_documento === tipo.cod);
          return (
            <li key={tipo.cod} className="checklist__fila" data-completo={adjuntos.length > 0}>
              <span className="checklist__marca" aria-hidden="true">
                {adjuntos.length > 0 ? '✔' : '○'}
              </span>
              <div className="checklist__texto">
                <span className="checklist__nombre">
                  {tipo.nombre}{' '}
                  <Insignia tono={tipo.obligatorio ? 'aviso' : 'neutra'}>
                    {t(tipo.obligatorio ? 'obligatorio' : 'opcional')}
                  </Insignia>
                </span>
                {tipo.descripcion && <span className="texto-suave">{tipo.descripcion}</span>}
                {adjuntos.map((d) => (
                  <span key={d.clave} className="checklist__archivo">
                    {d.archivo.nombre} · {tamanoLegible(d.archivo.bytes.length, idiomaActual())}
                    <button
                      type="button"
                      className="boton boton--fantasma boton--pequeno"
                      onClick={() => quitarDocumento(d.clave)}
                      aria-label={t('quitar', { nombre: d.archivo.nombre })}
                    >
                      ✕
                    </button>
                  </span>
                ))}
              </div>
              <ZonaArchivos
                etiqueta={t('adjuntar')}
                nombreAccesible={t('adjuntarA', { tipo: tipo.nombre })}
                aceptar={TIPOS_ACEPTADOS}
                multiple
                onArchivos={(a) => void recibir(tipo.cod, a)}
              />
            </li>
          );
        })}
      </ul>
      <FaltanObligatorios tipos={tipos} />
    </div>
  );
}

export function FaltanObligatorios({ tipos }: { tipos: TipoDocumento[] }) {
  const { t } = useTranslation('registro');
  const documentos = useBorrador((s) => s.documentos);
  const faltan = tipos.filter((x) => x.obligatorio && !documentos.some((d) => d.cod_tipo_documento === x.cod)).length;
  return faltan > 0 ? <Aviso>{t('faltanObligatorios', { count: faltan })}</Aviso> : null;
}
