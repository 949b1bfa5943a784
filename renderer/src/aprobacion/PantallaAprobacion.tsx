import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetalleExpediente, ExpedienteResumen, PaginaExpedientes } from '#shared/bridge/tipos';
import type { EstadoPpsh } from '#shared/ppsh/estados';
import type { Rol } from '#shared/roles';
import { destinoDeCaso } from '../app/abrirCaso';
import { useNavegacion } from '../app/navegacion';
import { puente } from '../puente';
import { useSesion } from '../sesion/useSesion';
import { Boton, Cargando, EstadoVacio, Insignia, MensajeError } from '../ui';
import { DialogoCambioEstado } from '../expediente/CambioEstado';
import { useDetalle } from '../expediente/useDetalle';
import './aprobacion.css';
import '../registro/textos';
import './textos';

/** The supervisor's three decisions, each on a key: A(probar), R(echazar), D(evolver). */
const DECISIONES: {
  tecla: string;
  hacia: EstadoPpsh;
  clave: string;
  variante: 'primario' | 'peligro' | 'secundario';
}[] = [
  { tecla: 'A', hacia: 'APROBADO', clave: 'aprobar', variante: 'primario' },
  { tecla: 'R', hacia: 'RECHAZADO', clave: 'rechazar', variante: 'peligro' },
  { tecla: 'D', hacia: 'EN_EVALUACION', clave: 'devolver', variante: 'secundario' },
];

const abrirCaso = (c: ExpedienteResumen) => useNavegacion.getState().ir(destinoDeCaso(c));

const esCampo = (el: EventTarget | null) =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

/**
 * The approval queue, keyboard first: ↑/↓ move, Enter opens, A/R/D decide (a dialog asks the resolution number and
 * confirms). Read from the local mirror, so a supervisor in a field office decides offline too.
 */
export function PantallaAprobacion() {
  const { t } = useTranslation('aprobacion');
  const rol = useSesion((s) => s.estado?.usuario?.rol);
  const [pagina, setPagina] = useState<PaginaExpedientes | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [indice, setIndice] = useState(0);
  const [hacia, setHacia] = useState<EstadoPpsh | null>(null);

  const cargar = useCallback(async () => {
    try {
      setPagina(await puente['aprobacion.cola']({ limite: 200 }));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void cargar();
    return puente.on('sync.estado', (s) => {
      if (!s.sincronizando) void cargar();
    });
  }, [cargar]);

  const items = pagina?.items ?? [];
  const actual: ExpedienteResumen | undefined = items[Math.min(indice, items.length - 1)];
  const esPpsh = actual?.tipo === 'PPSH';

  useEffect(() => {
    const alTeclear = (e: KeyboardEvent) => {
      if (hacia || esCampo(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]'))
        return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setIndice((i) => Math.max(0, Math.min(items.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
        return;
      }
      if (!actual) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        abrirCaso(actual);
        return;
      }
      const decision = DECISIONES.find((d) => d.tecla === e.key.toUpperCase());
      if (decision && esPpsh) {
        e.preventDefault();
        setHacia(decision.hacia);
      }
    };
    window.addEventListener('keydown', alTeclear);
    return () => window.removeEventListener('keydown', alTeclear);
  }, [items.length, actual, esPpsh, hacia]);

  useEffect(() => {
    document.getElementById(`cola-${indice}`)?.scrollIntoView({ block: 'nearest' });
  }, [indice]);

  return (
    <section className="pantalla aprobacion" aria-labelledby="aprobacion-titulo">
      <header className="pantalla__cabecera">
        <div>
          <h1 id="aprobacion-titulo">{t('titulo')}</h1>
          <p className="texto-suave">{t('subtitulo')}</p>
        </div>
        <dl className="teclas" aria-label={t('atajos')}>
          <div>
            <dt>
              <kbd>↑</kbd> <kbd>↓</kbd>
            </dt>
            <dd>{t('mover')}</dd>
          </div>
          <div>
            <dt>
              <kbd>Intro</kbd>
            </dt>
            <dd>{t('abrir')}</dd>
          </div>
          {DECISIONES.map((d) => (
            <div key={d.tecla}>
              <dt>
                <kbd>{d.tecla}</kbd>
              </dt>
              <dd>{t(d.clave)}</dd>
            </div>
          ))}
        </dl>
      </header>
      {error !== null && <MensajeError error={error} />}
      {!pagina ? (
        <Cargando />
      ) : items.length === 0 ? (
        <EstadoVacio icono="✓" titulo={t('vacia')}>
          <p className="texto-suave">{t('vaciaAyuda')}</p>
        </EstadoVacio>
      ) : (
        <div className="aprobacion__cuerpo">
          <div className="aprobacion__lista">
            <p className="texto-suave" aria-live="polite">
              {t('total', { count: pagina.total })}
            </p>
            <ul
              role="listbox"
              aria-label={t('cola')}
              tabIndex={0}
              aria-activedescendant={`cola-${indice}`}
              className="cola"
            >
              {items.map((c, i) => (
                <li
                  key={c.id}
                  id={`cola-${i}`}
                  role="option"
                  aria-selected={i === indice}
                  className="cola__item"
                  onClick={() => setIndice(i)}
                  onDoubleClick={() => abrirCaso(c)}
                >
                  <span className="cola__numero">{c.numero}</span>
                  <span className="cola__titular">{c.nombre_titular}</span>
                  <span className="cola__meta">
                    {c.tipo === 'PPSH' ? (
                      <Insignia color={c.estado.color}>{c.estado.nombre}</Insignia>
                    ) : (
                      <Insignia tono="info">{t('etapa', { etapa: c.etapa ?? '—' })}</Insignia>
                    )}
                    {c.vencido && <Insignia tono="peligro">{t('vencido')}</Insignia>}
                    {c.pendiente_sync && <Insignia tono="aviso">{t('pendiente')}</Insignia>}
                    <span className="texto-suave">{t('dias', { dias: c.dias_abierto })}</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
          {actual && rol && (
            <Vista
              caso={actual}
              onDecidir={setHacia}
              hacia={hacia}
              rol={rol}
              onHecho={() => {
                setHacia(null);
                void cargar();
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

/** The selected case: what the analyst concluded, and the three decisions as buttons with their keys. */
function Vista(props: {
  caso: ExpedienteResumen;
  hacia: EstadoPpsh | null;
  rol: Rol;
  onDecidir: (h: EstadoPpsh | null) => void;
  onHecho: () => void;
}) {
  const { t } = useTranslation('aprobacion');
  const { caso } = props;
  const ppsh = caso.tipo === 'PPSH';
  const { detalle } = useDetalle<DetalleExpediente | null>(
    () => (ppsh ? puente['expedientes.detalle']({ id: caso.id }) : Promise.resolve(null)),
    caso.id,
  );
  const dictamen = detalle?.historial
    .filter((h) => Number(h.es_dictamen) === 1)
    .sort((a, b) => String(b.fecha_cambio).localeCompare(String(a.fecha_cambio)))[0];
  return (
    <aside className="aprobacion__vista tarjeta" aria-label={t('seleccionado')}>
      <h2 className="aprobacion__numero">{caso.numero}</h2>
      <p className="aprobacion__titular">
        {caso.nombre_titular} <span className="texto-suave">· {caso.documento_titular}</span>
      </p>
      <p className="texto-suave">
        {ppsh ? t('personas', { count: caso.total_personas }) : t('tramite')} ·{' '}
        {t(`prioridadNombre.${caso.prioridad}`, { ns: 'registro', defaultValue: caso.prioridad })}
      </p>
      {ppsh ? (
        <>
          <h3>{t('ultimoDictamen')}</h3>
          {dictamen ? (
            <blockquote className="aprobacion__dictamen">
              <strong>{String(dictamen.tipo_dictamen ?? '')}</strong> — {String(dictamen.dictamen_detalle ?? '')}
            </blockquote>
          ) : (
            <p className="texto-suave">{t('sinDictamen')}</p>
          )}
          {detalle?.solicitud.descripcion_caso ? (
            <>
              <h3>{t('descripcion')}</h3>
              <p>{String(detalle.solicitud.descripcion_caso)}</p>
            </>
          ) : null}
          <div className="aprobacion__acciones">
            {DECISIONES.map((d) => (
              <Boton key={d.tecla} variante={d.variante} onClick={() => props.onDecidir(d.hacia)} disabled={!detalle}>
                {t(d.clave)} <kbd>{d.tecla}</kbd>
              </Boton>
            ))}
            <Boton variante="fantasma" onClick={() => abrirCaso(caso)}>
              {t('abrir')} <kbd>Intro</kbd>
            </Boton>
          </div>
        </>
      ) : (
        <>
          <p>{t('soloTramite')}</p>
          <Boton variante="primario" onClick={() => abrirCaso(caso)}>
            {t('abrir')} <kbd>Intro</kbd>
          </Boton>
        </>
      )}
      {detalle && (
        <DialogoCambioEstado
          detalle={detalle}
          hacia={props.hacia}
          rol={props.rol}
          onCerrar={() => props.onDecidir(null)}
          onHecho={props.onHecho}
        />
      )}
    </aside>
  );
}
