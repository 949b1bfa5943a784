import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AjustesCambios, CACHE_DOCUMENTOS_MB } from '#shared/bridge/contrato';
import type { Ajustes, CacheDocumentos } from '#shared/bridge/tipos';
import { useAvisos } from '../app/avisos';
import { puente } from '../puente';
import { esErrorPuente, mensajeDeError } from '../puente/error-puente';
import { Boton, Campo, Cargando, Insignia, MensajeError, Tarjeta, formatearNumero } from '../ui';
import './textos';
import type { CambiosAjustes } from './store';
import { useAjustes } from './useAjustes';

type Clave = Ajustes['bloqueados'][number];
interface Formulario {
  servidor_url: string;
  idioma: Ajustes['idioma'];
  cache_documentos_mb: string;
}

const MB = 1024 * 1024;

/** Field errors from zod issues (the shared schema here, or the core's `details`). */
function erroresPorCampo(issues: unknown): Partial<Record<Clave, string>> {
  const errores: Partial<Record<Clave, string>> = {};
  if (!Array.isArray(issues)) return errores;
  for (const i of issues as { path?: unknown[]; message?: string }[]) {
    const campo = i.path?.[0] as Clave | undefined;
    if (campo && i.message && !errores[campo]) errores[campo] = i.message;
  }
  return errores;
}

export function PantallaAjustes() {
  const { t, i18n } = useTranslation('ajustes');
  const { ajustes, error, iniciar, guardar } = useAjustes();
  const avisar = useAvisos((s) => s.avisar);
  const [form, setForm] = useState<Formulario | null>(null);
  const [errores, setErrores] = useState<Partial<Record<Clave, string>>>({});
  const [errorGeneral, setErrorGeneral] = useState<string | null>(null);
  const [cache, setCache] = useState<CacheDocumentos | null>(null);
  const [ocupado, setOcupado] = useState(false);

  useEffect(() => {
    void iniciar();
    puente['documentos.cache']({}).then(setCache, () => setCache(null));
  }, [iniciar]);
  useEffect(() => {
    if (ajustes)
      setForm({
        servidor_url: ajustes.servidor_url,
        idioma: ajustes.idioma,
        cache_documentos_mb: String(ajustes.cache_documentos_mb),
      });
  }, [ajustes]);

  if (error && !ajustes) return <MensajeError error={error} />;
  if (!ajustes || !form) return <Cargando />;
  const fijado = (c: Clave) => ajustes.bloqueados.includes(c);

  const enviar = async (e: FormEvent) => {
    e.preventDefault();
    // Only what changed and IT did not fix travels.
    const cambios: CambiosAjustes = {};
    if (!fijado('servidor_url') && form.servidor_url.trim() !== ajustes.servidor_url)
      cambios.servidor_url = form.servidor_url.trim();
    if (!fijado('idioma') && form.idioma !== ajustes.idioma) cambios.idioma = form.idioma;
    const mb = Number(form.cache_documentos_mb);
    if (!fijado('cache_documentos_mb') && mb !== ajustes.cache_documentos_mb) cambios.cache_documentos_mb = mb;
    const previo = AjustesCambios.safeParse(cambios);
    if (!previo.success) return setErrores(erroresPorCampo(previo.error.issues));
    setErrores({});
    setErrorGeneral(null);
    if (Object.keys(cambios).length === 0) return avisar(t('sinCambios'));
    setOcupado(true);
    try {
      await guardar(cambios);
      avisar(t('guardado'), 'exito');
    } catch (err) {
      const porCampo = esErrorPuente(err) ? erroresPorCampo(err.details) : {};
      setErrores(porCampo);
      if (Object.keys(porCampo).length === 0) setErrorGeneral(mensajeDeError(err));
    } finally {
      setOcupado(false);
    }
  };

  const etiqueta = (c: Clave, texto: string) => (
    <>
      {texto} {fijado(c) && <Insignia tono="info">{t('fijado')}</Insignia>}
    </>
  );
  const n = (v: number) => formatearNumero(v, i18n.language);

  return (
    <section className="ajustes" aria-labelledby="titulo-ajustes">
      <div className="cabecera-pantalla">
        <h1 id="titulo-ajustes">{t('titulo')}</h1>
      </div>
      <Tarjeta className="ajustes__tarjeta">
        <form className="formulario" onSubmit={enviar} noValidate>
          <p className="texto-suave">{t('intro')}</p>
          {errorGeneral && <MensajeError error={errorGeneral} />}
          <Campo
            etiqueta={etiqueta('servidor_url', t('servidor'))}
            ayuda={t('servidorAyuda')}
            error={errores.servidor_url}
          >
            {(p) => (
              <input
                {...p}
                className="control"
                type="url"
                name="servidor_url"
                readOnly={fijado('servidor_url')}
                value={form.servidor_url}
                onChange={(e) => setForm({ ...form, servidor_url: e.target.value })}
              />
            )}
          </Campo>
          <Campo etiqueta={etiqueta('idioma', t('idioma'))} error={errores.idioma}>
            {(p) => (
              <select
                {...p}
                className="control"
                name="idioma"
                disabled={fijado('idioma')}
                value={form.idioma}
                onChange={(e) => setForm({ ...form, idioma: e.target.value as Ajustes['idioma'] })}
              >
                <option value="es">{t('idiomas.es')}</option>
                <option value="en">{t('idiomas.en')}</option>
              </select>
            )}
          </Campo>
          <Campo
            etiqueta={etiqueta('cache_documentos_mb', t('cache'))}
            ayuda={t('cacheAyuda', { min: n(CACHE_DOCUMENTOS_MB.min), max: n(CACHE_DOCUMENTOS_MB.max) })}
            error={errores.cache_documentos_mb}
          >
            {(p) => (
              <input
                {...p}
                className="control"
                type="number"
                inputMode="numeric"
                name="cache_documentos_mb"
                min={CACHE_DOCUMENTOS_MB.min}
                max={CACHE_DOCUMENTOS_MB.max}
                readOnly={fijado('cache_documentos_mb')}
                value={form.cache_documentos_mb}
                onChange={(e) => setForm({ ...form, cache_documentos_mb: e.target.value })}
              />
            )}
          </Campo>
          {cache && (
            <p className="texto-suave">
              {t('enUso', {
                usado: `${n(Math.round(cache.bytes / MB))} MB`,
                total: `${n(Math.round(cache.presupuesto_bytes / MB))} MB`,
                archivos: n(cache.archivos),
                pendientes: n(cache.pendientes_subida),
              })}
            </p>
          )}
          <div className="fila-botones">
            <Boton variante="primario" type="submit" disabled={ocupado}>
              {t('guardar')}
            </Boton>
          </div>
        </form>
      </Tarjeta>
    </section>
  );
}
