import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetalleExpediente } from '#shared/bridge/tipos';
import { idiomaActual } from '../i18n';
import { puente } from '../puente';
import { Boton, Campo, Insignia, MensajeError, Tarjeta, formatearFecha } from '../ui';
import { useCatalogo } from '../ui/useCatalogo';
import { ZonaArchivos } from '../ui/ZonaArchivos';
import { MAX_BYTES_DOCUMENTO, TIPOS_ACEPTADOS, bytesABase64, leerArchivo, tamanoLegible } from '../visor/archivos';
import { ProgresoArchivo } from '../visor/ProgresoArchivo';
import { VisorDocumento } from '../visor/VisorDocumento';

const TONO_VERIFICACION = { PENDIENTE: 'aviso', VERIFICADO: 'exito', RECHAZADO: 'peligro' } as const;

/** The case's documents: open in the viewer, verify or reject (by role), attach more (picker or drop). */
export function Documentos(props: {
  detalle: DetalleExpediente;
  puedeVerificar: boolean;
  puedeAdjuntar: boolean;
  ejecutar: (llamada: () => Promise<unknown>) => Promise<boolean>;
}) {
  const { t } = useTranslation('expediente');
  const idioma = idiomaActual();
  const tipos = useCatalogo('ppsh_tipos_documento');
  const [tipo, setTipo] = useState('');
  const [abierto, setAbierto] = useState<{ id: string; nombre: string; sha256: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { detalle } = props;
  const nombreTipo = (cod: unknown) => tipos.find((x) => Number(x.cod_tipo_doc) === Number(cod))?.nombre_tipo;

  const adjuntar = async (archivos: File[]) => {
    setError(null);
    for (const a of archivos) {
      if (a.size > MAX_BYTES_DOCUMENTO) {
        setError(`${a.name}: > 10 MB`);
        continue;
      }
      const leido = await leerArchivo(a);
      const ok = await props.ejecutar(() =>
        puente['ppsh.adjuntarDocumento']({
          id: detalle.id,
          nombre_archivo: leido.nombre,
          contenido_base64: bytesABase64(leido.bytes),
          metadatos: tipo ? { cod_tipo_documento: Number(tipo) } : {},
        }),
      );
      // Online the upload starts now; offline it waits for the next sync, which is no error for the officer.
      if (ok) puente['sync.ahora']({}).catch(() => undefined);
    }
  };
  const verificar = (id: string, estado: 'VERIFICADO' | 'RECHAZADO') =>
    void props.ejecutar(() => puente['ppsh.verificarDocumento']({ id, verificacion: { estado } }));

  return (
    <Tarjeta titulo={t('documentos')}>
      {detalle.documentos.length === 0 ? (
        <p className="texto-suave">{t('sinDocumentos')}</p>
      ) : (
        <ul className="documentos">
          {detalle.documentos.map((d) => {
            const nombre = String(d.nombre_archivo);
            const estado = String(d.estado_verificacion) as keyof typeof TONO_VERIFICACION;
            return (
              <li key={d.id} className="documentos__fila">
                <span className="documentos__icono" aria-hidden="true">
                  {String(d.mime_type).startsWith('image/') ? 'IMG' : 'PDF'}
                </span>
                <div className="documentos__texto">
                  <span className="documentos__nombre">{nombre}</span>
                  <span className="texto-suave">
                    {String(nombreTipo(d.cod_tipo_documento) ?? d.tipo_documento_texto ?? '')}
                    {' · '}
                    {tamanoLegible(Number(d.tamano_bytes), idioma)} · {formatearFecha(String(d.uploaded_at), idioma)}
                  </span>
                  <ProgresoArchivo sha256={String(d.sha256)} nombre={nombre} />
                </div>
                <div className="documentos__estado">
                  <Insignia tono={TONO_VERIFICACION[estado] ?? 'neutra'}>{t(`verificacion.${estado}`)}</Insignia>
                  {d.en_cache && <Insignia>{t('enEsteEquipo')}</Insignia>}
                </div>
                <div className="documentos__acciones">
                  <Boton
                    pequeno
                    onClick={() => setAbierto({ id: d.id, nombre, sha256: String(d.sha256) })}
                    aria-label={t('abrirDoc', { nombre })}
                  >
                    {t('abrir')}
                  </Boton>
                  {props.puedeVerificar && estado === 'PENDIENTE' && (
                    <>
                      <Boton
                        pequeno
                        onClick={() => verificar(d.id, 'VERIFICADO')}
                        aria-label={t('verificarDoc', { nombre })}
                      >
                        ✔ {t('verificar')}
                      </Boton>
                      <Boton
                        pequeno
                        variante="fantasma"
                        onClick={() => verificar(d.id, 'RECHAZADO')}
                        aria-label={t('rechazarDocNombre', { nombre })}
                      >
                        {t('rechazarDoc')}
                      </Boton>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {props.puedeAdjuntar && (
        <div className="documentos__adjuntar">
          <Campo etiqueta={t('tipoDocumento')}>
            {(c) => (
              <select {...c} className="control" value={tipo} onChange={(e) => setTipo(e.target.value)}>
                <option value="">—</option>
                {tipos.map((x) => (
                  <option key={String(x.cod_tipo_doc)} value={String(x.cod_tipo_doc)}>
                    {String(x.nombre_tipo)}
                  </option>
                ))}
              </select>
            )}
          </Campo>
          <ZonaArchivos
            etiqueta={t('adjuntar')}
            ayuda={t('soltar')}
            aceptar={TIPOS_ACEPTADOS}
            multiple
            onArchivos={(a) => void adjuntar(a)}
          />
        </div>
      )}
      {error && <MensajeError error={error} />}
      {abierto && (
        <VisorDocumento
          documentoId={abierto.id}
          nombre={abierto.nombre}
          sha256={abierto.sha256}
          onCerrar={() => setAbierto(null)}
        />
      )}
    </Tarjeta>
  );
}
