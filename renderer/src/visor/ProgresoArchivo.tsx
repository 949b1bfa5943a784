import { useTranslation } from 'react-i18next';
import { BarraProgreso } from '../ui';
import { fraccion, useProgresoDocumentos } from './progreso';
import './textos';

/** One file's transfer: a labelled bar while it moves, "Subido"/"Descargado" once done; nothing before it starts. */
export function ProgresoArchivo({ sha256, nombre }: { sha256: string; nombre: string }) {
  const { t } = useTranslation('visor');
  const p = useProgresoDocumentos((s) => s.porSha[sha256]);
  if (!p) return null;
  const valor = fraccion(p);
  const terminado = valor === 1;
  const texto = terminado
    ? t(p.direccion === 'subida' ? 'subido' : 'descargado')
    : t(p.direccion === 'subida' ? 'subiendo' : 'descargando', {
        porcentaje: valor === null ? '…' : Math.round(valor * 100),
      });
  return (
    <div className="progreso-archivo" data-direccion={p.direccion} data-terminado={terminado}>
      <BarraProgreso valor={valor} etiqueta={t('progresoDe', { nombre })} />
      <span className="progreso-archivo__texto">{texto}</span>
    </div>
  );
}
