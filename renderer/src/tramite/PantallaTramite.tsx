import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetalleTramite } from '#shared/bridge/tipos';
import { preguntasVisibles, validarRespuestas, type EtapaDef, type Valores } from '#shared/workflow/motor';
import type { Respuestas, ValorRespuesta } from '#shared/workflow/schemas';
import { idiomaActual } from '../i18n';
import { puente } from '../puente';
import { Aviso, Boton, Campo, Cargando, Insignia, MensajeError, Tarjeta, formatearFechaHora } from '../ui';
import { useComando } from '../expediente/comando';
import { CabeceraCaso } from '../expediente/CabeceraCaso';
import { Comentarios } from '../expediente/Comentarios';
import { useDetalle } from '../expediente/useDetalle';
import { useNombresUsuarios } from '../expediente/usuarios';
import { Pregunta } from './Pregunta';
import '../expediente/expediente.css';
import './tramite.css';
import './textos';

/** The current stage with all its questions as the shared engine's EtapaDef: the form checks and shows exactly as the core will. */
function etapaDef(d: DetalleTramite): EtapaDef | null {
  const e = d.etapa_actual;
  return e ? { ...e, preguntas: e.preguntas_etapa, es_etapa_inicial: false } : null;
}

/** Every saved answer (earlier stages first, the current stage over them) plus what the officer typed now. */
function valoresDe(d: DetalleTramite, editadas: Respuestas): Valores {
  const actual = d.etapa_actual?.codigo;
  const otras = Object.entries(d.respuestas).filter(([etapa]) => etapa !== actual);
  return Object.assign({}, ...otras.map(([, r]) => r), actual ? d.respuestas[actual] : {}, editadas) as Valores;
}

/**
 * A workflow case: its stage form built from the template's questions, `mostrar_si` and the regexes re-evaluated
 * with the shared engine as the officer types, and the moves the rules open from here.
 */
export function PantallaTramite({ id }: { id: string }) {
  const { t } = useTranslation('tramite');
  const { detalle, error, refrescar } = useDetalle(() => puente['workflow.detalle']({ id }), id);
  const usuarios = useNombresUsuarios();
  const [editadas, setEditadas] = useState<Respuestas>({});
  const [comentario, setComentario] = useState('');
  const [intentoAvanzar, setIntentoAvanzar] = useState(false);
  const comando = useComando(async () => {
    setEditadas({});
    setIntentoAvanzar(false);
    await refrescar();
  });

  const etapa = detalle ? etapaDef(detalle) : null;
  const valores = useMemo(() => (detalle ? valoresDe(detalle, editadas) : {}), [detalle, editadas]);
  const errores = useMemo(
    () => (etapa ? validarRespuestas(etapa, valores, editadas, intentoAvanzar) : []),
    [etapa, valores, editadas, intentoAvanzar],
  );

  if (error !== null && !detalle) return <MensajeError error={error} />;
  if (!detalle) return <Cargando texto={t('cargando')} />;
  const { acciones } = detalle;
  const soloLectura = !acciones.puede_responder;
  // The engine's own rule, re-run on every keystroke: a question appears or hides as the answers it depends on change.
  const visibles = etapa ? preguntasVisibles(etapa, valores) : [];
  const errorDe = (codigo: string) => errores.find((e) => e.pregunta === codigo)?.mensaje ?? null;
  const cambios = Object.keys(editadas).length;

  const guardar = () =>
    comando.ejecutar(() =>
      puente['workflow.responder']({ id, respuestas: editadas, version: Number(detalle.instancia.version) }),
    );
  const avanzar = (etapaDestinoId: string) => {
    setIntentoAvanzar(true);
    if (etapa && validarRespuestas(etapa, valores, editadas, true).length) return;
    void comando.ejecutar(() =>
      puente['workflow.transicionar']({
        id,
        transicion: {
          etapa_destino_id: etapaDestinoId,
          respuestas: editadas,
          comentario: comentario.trim() || undefined,
          version: Number(detalle.instancia.version),
        },
      }),
    );
  };

  return (
    <section className="pantalla tramite" aria-labelledby="tramite-titulo">
      <Cabecera detalle={detalle} />
      {comando.error !== null && <MensajeError error={comando.error} />}
      <div className="expediente__cuerpo">
        <div className="expediente__principal">
          <Tarjeta titulo={`${t('formulario')}: ${detalle.etapa_actual?.nombre ?? '—'}`}>
            {!etapa ? (
              <p className="texto-suave">{t('sinEtapa')}</p>
            ) : (
              <form
                className="tramite__formulario"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (cambios) void guardar();
                }}
              >
                {etapa.es_etapa_final && <Aviso tono="info">{t('finalizado')}</Aviso>}
                {soloLectura && !etapa.es_etapa_final && <Aviso>{t('soloLectura')}</Aviso>}
                {etapa.requiere_validacion && <Aviso tono="info">{t('validacion')}</Aviso>}
                {visibles.length === 0 && <p className="texto-suave">{t('sinPreguntas')}</p>}
                {visibles.map((p) => (
                  <Pregunta
                    key={p.codigo}
                    p={p}
                    valor={valores[p.codigo]}
                    error={errorDe(p.codigo)}
                    soloLectura={soloLectura}
                    onCambio={(v: ValorRespuesta) => setEditadas((r) => ({ ...r, [p.codigo]: v }))}
                  />
                ))}
                {!soloLectura && (
                  <div className="tramite__guardar">
                    <span className="texto-suave" aria-live="polite">
                      {cambios ? t('cambiosSinGuardar', { count: cambios }) : t('sinCambios')}
                    </span>
                    <Boton type="submit" variante="primario" disabled={!cambios || comando.ocupado}>
                      {comando.ocupado ? t('guardando') : t('guardar')}
                    </Boton>
                  </div>
                )}
              </form>
            )}
          </Tarjeta>
          {etapa && !etapa.es_etapa_final && (
            <Tarjeta titulo={t('transiciones')}>
              {!acciones.puede_transicionar ? (
                <p className="texto-suave">{t('noTransiciona')}</p>
              ) : acciones.destinos_posibles.length === 0 ? (
                <p className="texto-suave">{t('sinDestinos')}</p>
              ) : (
                <>
                  <Campo etiqueta={t('comentarioTransicion')}>
                    {(c) => (
                      <input
                        {...c}
                        className="control"
                        value={comentario}
                        onChange={(e) => setComentario(e.target.value)}
                      />
                    )}
                  </Campo>
                  <div className="tramite__destinos">
                    {acciones.destinos_posibles.map((d) => (
                      <Boton
                        key={d.etapa_id}
                        variante="primario"
                        disabled={comando.ocupado}
                        onClick={() => avanzar(d.etapa_id)}
                      >
                        {t('avanzar', { etapa: d.conexion ?? d.etapa })} →
                      </Boton>
                    ))}
                  </div>
                </>
              )}
            </Tarjeta>
          )}
        </div>
        <div className="expediente__lateral">
          <HistorialTramite detalle={detalle} usuarios={usuarios} />
          <Comentarios
            filas={detalle.comentarios}
            usuarios={usuarios}
            puedeComentar={acciones.puede_responder || acciones.puede_transicionar}
            comentar={(texto, es_interno) =>
              comando.ejecutar(() => puente['workflow.comentar']({ id, comentario: { comentario: texto, es_interno } }))
            }
          />
        </div>
      </div>
    </section>
  );
}

function Cabecera({ detalle }: { detalle: DetalleTramite }) {
  const { t } = useTranslation('tramite');
  return (
    <CabeceraCaso
      caso={detalle}
      tipo={detalle.workflow.nombre}
      id="tramite-titulo"
      testId="tramite-numero"
      insignias={
        <>
          <Insignia tono="info">
            {t('etapa')}: {detalle.etapa_actual?.nombre ?? '—'}
          </Insignia>
          <Insignia color={detalle.estado.color}>{detalle.estado.nombre}</Insignia>
          {detalle.vencido && <Insignia tono="peligro">{t('vencido')}</Insignia>}
          {detalle.comandos_pendientes > 0 && (
            <Insignia tono="aviso">⟳ {t('pendientes', { count: detalle.comandos_pendientes })}</Insignia>
          )}
        </>
      }
    />
  );
}

function HistorialTramite({ detalle, usuarios }: { detalle: DetalleTramite; usuarios: Map<string, string> }) {
  const { t } = useTranslation('tramite');
  const idioma = idiomaActual();
  const filas = [...detalle.historial].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
  return (
    <Tarjeta titulo={t('historial')}>
      <ol className="linea-tiempo">
        {filas.map((h) => (
          <li key={h.id} style={{ '--color-estado': detalle.estado.color } as React.CSSProperties}>
            <span className="linea-tiempo__punto" aria-hidden="true" />
            <div className="linea-tiempo__contenido">
              <strong>{String(h.descripcion ?? h.tipo_cambio)}</strong>
              <span className="texto-suave">
                {formatearFechaHora(String(h.created_at), idioma)}
                {usuarios.has(String(h.created_by)) && ` · ${usuarios.get(String(h.created_by))}`}
              </span>
            </div>
          </li>
        ))}
      </ol>
    </Tarjeta>
  );
}
