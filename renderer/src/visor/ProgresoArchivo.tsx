import { useTranslation } from 'react-i18next';
import { BarraProgreso } from '../ui';
import { fraccion, useProgresoDocumentos } from './progreso';
import './textos';

/**
 * One file's transfer: a labelled bar while it moves, "Subido"/"Descargado" once done; nothing before it starts. The
 * core reports an upload done only when the server took the last byte, and a refusal as such (never "Subido").
 */
export function ProgresoArchivo({ sha256, nombre }: { sha256: string; nombre: string }) {
  const { t } = useTranslation('visor');
  const p = useProgresoDocumentos((s) => s.porSha[sha256]);
  if (!p) return null;
  const valor = fraccion(p);
  const terminado = valor === 1 && p.rechazo === undefined;
  const texto =
    p.rechazo !== undefined
      ? t('rechazado', { motivo: p.rechazo })
      : terminado
        ? t(p.direccion === 'subida' ? 'subido' : 'descargado')
        : t(p.direccion === 'subida' ? 'subiendo' : 'descargando', {
            porcentaje: valor === null ? '…' : Math.round(valor * 100),
          });
  return (
    <div
      className="progreso-archivo"
      data-direccion={p.direccion}
      data-terminado={terminado}
      data-rechazado={p.rechazo !== undefined}
      role={p.rechazo !== undefined ? 'alert' : undefined}
    >
      <BarraProgreso valor={valor} etiqueta={t('progresoDe', { nombre })} />
      <span className="progreso-archivo__texto">{texto}</span>
    </div>
  );
}
