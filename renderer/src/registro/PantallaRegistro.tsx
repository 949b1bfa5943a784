import { useMemo, useState } from 'react';
import { useFormularioOcupado } from '../actualizaciones/useActualizaciones';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { PRIORIDADES, type SolicitudNueva } from '#shared/ppsh/schemas';
import { puente, mensajeDeError } from '../puente';
import { Boton, Campo, MensajeError } from '../ui';
import { useCatalogo } from '../ui/useCatalogo';
import { bytesABase64 } from '../visor/archivos';
import { erroresDe, solicitudDe, useBorrador, type CampoPersona, type PersonaBorrador } from './borrador';
import { checklist, hayMenores } from './checklist';
import { Confirmacion, type Registrada } from './Confirmacion';
import { FormularioPersona } from './FormularioPersona';
import { PasoDocumentos } from './PasoDocumentos';
import { Revision } from './Revision';
import './registro.css';
import './textos';

const PASOS = ['titular', 'dependientes', 'caso', 'documentos', 'revision'] as const;
type Paso = (typeof PASOS)[number];
/** Which error keys belong to each step (the review step shows them all). */
const PREFIJOS: Record<Paso, string[]> = {
  titular: ['titular.'],
  dependientes: ['dependiente.', 'dependientes'],
  caso: ['caso.'],
  documentos: [],
  revision: ['titular.', 'dependiente.', 'dependientes', 'caso.'],
};

/**
 * Online, the request and its documents leave now instead of at the next periodic sync; offline this fails quietly.
 * The core starts a sync on its own after the first command, and a `sync.ahora` during that sync joins it: the
 * documents queued meanwhile are still waiting when it returns, so one more round sends them.
 */
async function enviarAhora() {
  try {
    const estado = await puente['sync.ahora']({});
    if (estado.conectado && estado.pendientes > 0) await puente['sync.ahora']({});
  } catch {
    // Offline: the sync loop retries by itself.
  }
}

/**
 * The counter's step-by-step registration. Works offline: the core applies the command locally and gives a
 * provisional reference at once; documents and the number follow with the next sync.
 */
export function PantallaRegistro() {
  const { t } = useTranslation('registro');
  const b = useBorrador();
  const [paso, setPaso] = useState<Paso>('titular');
  const [visitados, setVisitados] = useState<Set<string>>(new Set());
  const [intentados, setIntentados] = useState<Set<Paso>>(new Set());
  const [enviando, setEnviando] = useState(false);
  const [errorEnvio, setErrorEnvio] = useState<unknown>(null);
  const [registrada, setRegistrada] = useState<Registrada | null>(null);
  // Typed but not registered yet: an update waits until the counter work is saved.
  useFormularioOcupado(visitados.size > 0 && registrada === null);
  const causas = useCatalogo('ppsh_causas_humanitarias');
  const filasTipos = useCatalogo('ppsh_tipos_documento');
  const conMenores = hayMenores(b.dependientes.map((d) => d.fecha_nacimiento));
  const tipos = useMemo(() => checklist(filasTipos, conMenores), [filasTipos, conMenores]);

  const errores = useMemo(() => erroresDe(b), [b]);
  const indice = PASOS.indexOf(paso);
  const delPaso = (p: Paso) => Object.keys(errores).filter((k) => PREFIJOS[p].some((x) => k.startsWith(x)));
  const error = (clave: string) =>
    visitados.has(clave) || intentados.has(paso) || intentados.has('revision') ? (errores[clave] ?? null) : null;
  const visitar = (clave: string) => setVisitados((v) => new Set(v).add(clave));

  const irA = (p: Paso) => {
    setPaso(p);
    requestAnimationFrame(() => document.getElementById('registro-paso')?.focus());
  };
  const siguiente = () => {
    setIntentados((s) => new Set(s).add(paso));
    if (delPaso(paso).length) {
      requestAnimationFrame(() =>
        (document.querySelector('#registro-paso [aria-invalid="true"]') as HTMLElement | null)?.focus(),
      );
      return;
    }
    irA(PASOS[indice + 1]!);
  };

  const registrar = async () => {
    setIntentados((s) => new Set(s).add('revision'));
    if (Object.keys(errores).length) return;
    setEnviando(true);
    setErrorEnvio(null);
    try {
      const r = await puente['ppsh.registrar'](solicitudDe(b) as z.input<typeof SolicitudNueva>);
      const fallidos: string[] = [];
      for (const d of b.documentos) {
        try {
          await puente['ppsh.adjuntarDocumento']({
            id: r.id,
            nombre_archivo: d.archivo.nombre,
            contenido_base64: bytesABase64(d.archivo.bytes),
            metadatos: { cod_tipo_documento: d.cod_tipo_documento },
          });
        } catch (e) {
          fallidos.push(t('errorAdjunto', { nombre: d.archivo.nombre, mensaje: mensajeDeError(e) }));
        }
      }
      void enviarAhora();
      setRegistrada({
        id: r.id,
        referencia: r.referencia_provisional ?? '',
        documentos: b.documentos.map((d) => ({ sha256: d.archivo.sha256, nombre: d.archivo.nombre })),
        fallidos,
      });
      useBorrador.getState().reiniciar();
      setVisitados(new Set());
      setIntentados(new Set());
      setPaso('titular');
    } catch (e) {
      setErrorEnvio(e);
    } finally {
      setEnviando(false);
    }
  };

  if (registrada) return <Confirmacion registrada={registrada} onOtra={() => setRegistrada(null)} />;

  const persona = (
    p: PersonaBorrador,
    prefijo: string,
    cambiar: (c: CampoPersona, v: string) => void,
    dep: boolean,
  ) => (
    <FormularioPersona
      persona={p}
      esDependiente={dep}
      onCambio={cambiar}
      onSalir={(c) => visitar(`${prefijo}${c}`)}
      error={(c) => error(`${prefijo}${c}`)}
    />
  );

  return (
    <section className="pantalla registro" aria-labelledby="registro-titulo">
      <header className="pantalla__cabecera">
        <div>
          <h1 id="registro-titulo">{t('titulo')}</h1>
          <p className="texto-suave">{t('subtitulo')}</p>
        </div>
      </header>
      <nav aria-label={t('pasos')}>
        <ol className="pasos">
          {PASOS.map((p, i) => (
            <li key={p} className="pasos__item" data-hecho={i < indice} aria-current={p === paso ? 'step' : undefined}>
              <button type="button" onClick={() => i < indice && irA(p)} disabled={i > indice}>
                <span className="pasos__numero">{i < indice ? '✔' : i + 1}</span>
                {t(`paso.${p}`)}
                {delPaso(p).length > 0 && intentados.has(p) && <span className="pasos__alerta">!</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div id="registro-paso" className="tarjeta registro__paso" tabIndex={-1} aria-labelledby="registro-paso-titulo">
        <h2 id="registro-paso-titulo">
          <span className="texto-suave">{t('pasoDe', { n: indice + 1, total: PASOS.length })} · </span>
          {t(`paso.${paso}`)}
        </h2>
        {intentados.has(paso) && delPaso(paso).length > 0 && <MensajeError error={t('corrija')} />}

        {paso === 'titular' && persona(b.titular, 'titular.', b.cambiarTitular, false)}

        {paso === 'dependientes' && (
          <div className="dependientes">
            {errores.dependientes && intentados.has(paso) && <MensajeError error={errores.dependientes} />}
            {b.dependientes.length === 0 && (
              <div className="dependientes__vacio">
                <p>{t('sinDependientes')}</p>
                <p className="texto-suave">{t('sinDependientesAyuda')}</p>
              </div>
            )}
            {b.dependientes.map((d, i) => (
              <fieldset key={d.clave} className="dependiente">
                <legend>
                  {t('dependiente', { n: i + 1 })}
                  {hayMenores([d.fecha_nacimiento]) && <span className="etiqueta-menor">{t('menor')}</span>}
                </legend>
                <Boton
                  pequeno
                  variante="fantasma"
                  className="dependiente__quitar"
                  onClick={() => b.quitarDependiente(i)}
                  aria-label={t('quitarDependiente', { n: i + 1 })}
                >
                  ✕
                </Boton>
                {persona(d, `dependiente.${i}.`, (c, v) => b.cambiarDependiente(i, c, v), true)}
              </fieldset>
            ))}
            <Boton onClick={b.agregarDependiente}>＋ {t('agregarDependiente')}</Boton>
          </div>
        )}

        {paso === 'caso' && (
          <div className="rejilla rejilla--ancha">
            <Campo etiqueta={t('campo.cod_causa_humanitaria')} error={error('caso.cod_causa_humanitaria')}>
              {(c) => (
                <select
                  {...c}
                  className="control"
                  name="cod_causa_humanitaria"
                  value={b.caso.cod_causa_humanitaria}
                  onChange={(e) => b.cambiarCaso('cod_causa_humanitaria', e.target.value)}
                  onBlur={() => visitar('caso.cod_causa_humanitaria')}
                >
                  <option value="">{t('elegir')}</option>
                  {causas.map((c) => (
                    <option key={String(c.cod_causa)} value={String(c.cod_causa)}>
                      {String(c.nombre_causa)}
                    </option>
                  ))}
                </select>
              )}
            </Campo>
            <fieldset className="prioridades">
              <legend>{t('campo.prioridad')}</legend>
              {PRIORIDADES.map((p) => (
                <label key={p} className="opcion" data-prioridad={p}>
                  <input
                    type="radio"
                    name="prioridad"
                    value={p}
                    checked={b.caso.prioridad === p}
                    onChange={() => b.cambiarCaso('prioridad', p)}
                  />
                  {t(`prioridadNombre.${p}`)}
                </label>
              ))}
            </fieldset>
            <Campo
              etiqueta={t('campo.descripcion_caso')}
              error={error('caso.descripcion_caso')}
              ayuda={
                b.caso.prioridad === 'ALTA'
                  ? t('ayuda.descripcion_caso', { n: b.caso.descripcion_caso.replace(/\s/g, '').length })
                  : undefined
              }
            >
              {(c) => (
                <textarea
                  {...c}
                  className="control"
                  name="descripcion_caso"
                  rows={5}
                  value={b.caso.descripcion_caso}
                  onChange={(e) => b.cambiarCaso('descripcion_caso', e.target.value)}
                  onBlur={() => visitar('caso.descripcion_caso')}
                />
              )}
            </Campo>
            <Campo etiqueta={t('campo.observaciones_generales')} error={error('caso.observaciones_generales')}>
              {(c) => (
                <textarea
                  {...c}
                  className="control"
                  name="observaciones_generales"
                  rows={3}
                  value={b.caso.observaciones_generales}
                  onChange={(e) => b.cambiarCaso('observaciones_generales', e.target.value)}
                />
              )}
            </Campo>
          </div>
        )}

        {paso === 'documentos' && <PasoDocumentos tipos={tipos} />}

        {paso === 'revision' && (
          <Revision tipos={tipos} errores={errores} onEditar={(p) => irA(p as Paso)} causas={causas} />
        )}
        {errorEnvio !== null && <MensajeError error={errorEnvio} />}
      </div>
      <footer className="registro__pie">
        <Boton onClick={() => irA(PASOS[indice - 1]!)} disabled={indice === 0}>
          ← {t('anterior')}
        </Boton>
        {paso === 'revision' ? (
          <Boton variante="primario" onClick={() => void registrar()} disabled={enviando}>
            {enviando ? t('registrando') : t('registrar')}
          </Boton>
        ) : (
          <Boton variante="primario" onClick={siguiente}>
            {t('siguiente')} →
          </Boton>
        )}
      </footer>
    </section>
  );
}
