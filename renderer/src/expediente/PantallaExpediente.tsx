import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetalleExpediente } from '#shared/bridge/tipos';
import { esEstadoFinal, type EstadoPpsh } from '#shared/ppsh/estados';
import { tienePermiso, type Rol } from '#shared/roles';
import { idiomaActual } from '../i18n';
import { puente } from '../puente';
import { useSesion } from '../sesion/useSesion';
import { Boton, Cargando, Insignia, MensajeError, formatearFecha } from '../ui';
import { VisorRecibo } from '../visor/VisorRecibo';
import { DialogoCambioEstado, nombreEstado } from './CambioEstado';
import { useComando } from './comando';
import { CabeceraCaso } from './CabeceraCaso';
import { Comentarios } from './Comentarios';
import { Documentos } from './Documentos';
import { Entrevistas } from './Entrevistas';
import { Historial } from './Historial';
import { Pagos } from './Pagos';
import { Personas } from './Personas';
import { useDetalle } from './useDetalle';
import { useNombresUsuarios } from './usuarios';
import './expediente.css';
import '../registro/textos';
import './textos';

/** A PPSH case: who, where it stands and how it got there, and only what the officer's role may do now. */
export function PantallaExpediente({ id }: { id: string }) {
  const { t } = useTranslation('expediente');
  const rol = useSesion((s) => s.estado?.usuario?.rol);
  const { detalle, error, refrescar } = useDetalle(() => puente['expedientes.detalle']({ id }), id);
  const usuarios = useNombresUsuarios();
  const comando = useComando(refrescar);

  if (error !== null && !detalle)
    return (
      <section className="pantalla">
        <MensajeError error={error} accion={<Boton onClick={() => void refrescar()}>↻</Boton>} />
      </section>
    );
  if (!detalle || !rol) return <Cargando texto={t('cargando')} />;
  const abierta = !esEstadoFinal(detalle.estado.codigo as EstadoPpsh);
  const puede = (p: Parameters<typeof tienePermiso>[1]) => tienePermiso(rol, p);

  return (
    <section className="pantalla expediente" aria-labelledby="expediente-titulo">
      <Cabecera detalle={detalle} rol={rol} onCambio={refrescar} />
      {comando.error !== null && <MensajeError error={comando.error} />}
      <div className="expediente__cuerpo">
        <div className="expediente__principal">
          <Personas filas={detalle.solicitantes} />
          <Documentos
            detalle={detalle}
            puedeVerificar={puede('documento.verificar')}
            puedeAdjuntar={abierta && puede('documento.subir')}
            ejecutar={comando.ejecutar}
          />
          <Entrevistas
            casoId={detalle.id}
            filas={detalle.entrevistas}
            puedeGestionar={abierta && puede('entrevista.gestionar')}
            ejecutar={comando.ejecutar}
          />
          {puede('pago.ver') && (
            <Pagos
              casoId={detalle.id}
              filas={detalle.pagos}
              puedeRegistrar={abierta && puede('pago.registrar')}
              ejecutar={comando.ejecutar}
            />
          )}
        </div>
        <div className="expediente__lateral">
          <Historial filas={detalle.historial} usuarios={usuarios} />
          <Comentarios
            filas={detalle.comentarios}
            usuarios={usuarios}
            puedeComentar={puede('comentario.crear')}
            comentar={(comentario, es_interno) =>
              comando.ejecutar(() =>
                puente['ppsh.comentar']({ id: detalle.id, comentario: { comentario, es_interno } }),
              )
            }
          />
        </div>
      </div>
    </section>
  );
}

function Cabecera({ detalle, rol, onCambio }: { detalle: DetalleExpediente; rol: Rol; onCambio: () => void }) {
  const { t } = useTranslation('expediente');
  const [hacia, setHacia] = useState<EstadoPpsh | null>(null);
  const [recibo, setRecibo] = useState(false);
  const idioma = idiomaActual();
  return (
    <CabeceraCaso
      caso={detalle}
      tipo={t('solicitud')}
      id="expediente-titulo"
      testId="expediente-numero"
      insignias={
        <>
          <Insignia color={detalle.estado.color} tono="neutra">
            <span data-testid="expediente-estado">{detalle.estado.nombre}</span>
          </Insignia>
          <Insignia tono={detalle.prioridad === 'ALTA' ? 'peligro' : 'neutra'}>
            {t('prioridad', { p: t(`prioridadNombre.${detalle.prioridad}`, { ns: 'registro' }) })}
          </Insignia>
          {detalle.vencido && <Insignia tono="peligro">{t('vencido')}</Insignia>}
          {detalle.comandos_pendientes > 0 && (
            <Insignia tono="aviso">
              <span data-testid="expediente-pendiente">
                ⟳ {t('pendientes', { count: detalle.comandos_pendientes })}
              </span>
            </Insignia>
          )}
        </>
      }
    >
      <p className="texto-suave expediente__meta">
        {detalle.num_expediente && detalle.referencia_provisional
          ? `${t('referencia', { ref: detalle.referencia_provisional })} · `
          : ''}
        {t('fechaSolicitud', { fecha: formatearFecha(detalle.fecha_solicitud, idioma) })} ·{' '}
        {t('abierto', { dias: detalle.dias_abierto })} · {t('oficina', { cod: detalle.cod_agencia })}
      </p>
      <div className="expediente__acciones" role="group" aria-label={t('acciones')}>
        {detalle.transiciones_disponibles.length === 0 ? (
          <span className="texto-suave">{t('sinAcciones')}</span>
        ) : (
          detalle.transiciones_disponibles.map((e) => (
            <Boton
              key={e}
              variante={e === 'CANCELADO' || e === 'RECHAZADO' ? 'fantasma' : 'primario'}
              onClick={() => setHacia(e)}
            >
              {t('pasarA', { estado: nombreEstado(e) })}
            </Boton>
          ))
        )}
        <Boton variante="secundario" onClick={() => setRecibo(true)} className="expediente__recibo">
          {t('imprimirRecibo')}
        </Boton>
      </div>
      <DialogoCambioEstado
        detalle={detalle}
        hacia={hacia}
        rol={rol}
        onCerrar={() => setHacia(null)}
        onHecho={() => {
          setHacia(null);
          onCambio();
        }}
      />
      {recibo && <VisorRecibo id={detalle.id} numero={detalle.numero} onCerrar={() => setRecibo(false)} />}
    </CabeceraCaso>
  );
}
