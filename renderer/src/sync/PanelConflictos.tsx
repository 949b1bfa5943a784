/**
 * Commands the server refused (rejected) or found in conflict, kept on the desk until the officer decides: retry as is,
 * fix the arguments and resend, or discard. The server's reason is shown as it sent it (Spanish).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComandoFallido } from '#shared/bridge/tipos';
import { useAvisos } from '../app/avisos';
import { useNavegacion } from '../app/navegacion';
import { puente } from '../puente';
import { mensajeDeError } from '../puente/error-puente';
import { Boton, Cargando, Campo, Dialogo, EstadoVacio, Insignia, MensajeError, formatearFechaHora } from '../ui';
import './conflictos.css';
import './textos-conflictos';
import { textoPanelVacio } from './resumen';
import { AvisoRecuperacion } from './AvisoRecuperacion';
import { useSync } from './useSync';

/** The case a command touched, from its arguments (each command names its target its own way). */
const CLAVES_CASO = ['solicitudId', 'instanciaId', 'id'] as const;
function casoDe(c: ComandoFallido): string | null {
  for (const k of CLAVES_CASO) if (typeof c.args[k] === 'string') return c.args[k];
  return null;
}

/** The fields the officer changed, beside what the server has now (edits carry them under `cambios`). */
function camposEnDisputa(c: ComandoFallido): { campo: string; suyo: unknown; servidor: unknown }[] {
  const cambios = c.args.cambios;
  if (!cambios || typeof cambios !== 'object') return [];
  return Object.entries(cambios as Record<string, unknown>).map(([campo, suyo]) => ({
    campo,
    suyo,
    servidor: c.fila_servidor?.[campo],
  }));
}

const mostrar = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function Tarjeta(props: {
  comando: ComandoFallido;
  onEditar(): void;
  onDescartar(): void;
  onReintentar(): void;
  ocupado: boolean;
}) {
  const { t, i18n } = useTranslation('conflictos');
  const c = props.comando;
  const caso = casoDe(c);
  const numero = c.fila_servidor?.num_expediente ?? c.fila_servidor?.referencia_provisional;
  const campos = camposEnDisputa(c);
  const ir = useNavegacion((s) => s.ir);
  return (
    <article className="conflicto" aria-labelledby={`conflicto-${c.mutationId}`} data-mutation={c.mutationId}>
      <header className="conflicto__cabecera">
        <h2 id={`conflicto-${c.mutationId}`}>{t(`comandos.${c.nombre}`, { defaultValue: c.nombre })}</h2>
        <Insignia tono={c.estado === 'conflicto' ? 'aviso' : 'peligro'}>{t(c.estado)}</Insignia>
        <span className="texto-suave conflicto__fecha">
          {t('hecho', { fecha: formatearFechaHora(c.creado, i18n.language) })}
        </span>
      </header>
      <div className="conflicto__motivo" role="note">
        <strong>{t('motivo')}:</strong> <span className="conflicto__mensaje">{c.message}</span>{' '}
        <code className="conflicto__codigo">{c.code}</code>
      </div>
      {caso && (
        <p className="conflicto__caso">
          {t('caso')}: <strong>{typeof numero === 'string' ? numero : caso}</strong>{' '}
          <Boton
            pequeno
            variante="fantasma"
            onClick={() =>
              ir(
                c.nombre.startsWith('workflow.')
                  ? { pantalla: 'tramite', id: caso }
                  : { pantalla: 'expediente', id: caso },
              )
            }
          >
            {t('verCaso')}
          </Boton>
        </p>
      )}
      {campos.length > 0 && (
        <table className="conflicto__tabla">
          <thead>
            <tr>
              <th scope="col">{t('campo')}</th>
              <th scope="col">{t('suyo')}</th>
              <th scope="col">{t('servidor')}</th>
            </tr>
          </thead>
          <tbody>
            {campos.map((f) => (
              <tr key={f.campo}>
                <th scope="row">{f.campo}</th>
                <td>{mostrar(f.suyo)}</td>
                <td>{c.fila_servidor ? mostrar(f.servidor) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.fila_servidor && (
        <details className="conflicto__detalle">
          <summary>{t('filaServidor')}</summary>
          <pre>{JSON.stringify(c.fila_servidor, null, 2)}</pre>
        </details>
      )}
      <div className="fila-botones">
        <Boton variante="primario" pequeno onClick={props.onReintentar} disabled={props.ocupado}>
          {t('reintentar')}
        </Boton>
        <Boton pequeno onClick={props.onEditar} disabled={props.ocupado}>
          {t('editar')}
        </Boton>
        <Boton variante="fantasma" pequeno onClick={props.onDescartar} disabled={props.ocupado}>
          {t('descartar')}
        </Boton>
      </div>
    </article>
  );
}

export function PanelConflictos() {
  const { t } = useTranslation('conflictos');
  const avisar = useAvisos((s) => s.avisar);
  const estadoSync = useSync((s) => s.estado);
  const fallidos = estadoSync?.fallidos;
  const actualizarSync = useSync((s) => s.iniciar);
  const [lista, setLista] = useState<ComandoFallido[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ocupado, setOcupado] = useState(false);
  const [editando, setEditando] = useState<{ comando: ComandoFallido; texto: string; error: string | null } | null>(
    null,
  );
  const [descartando, setDescartando] = useState<ComandoFallido | null>(null);

  const cargar = useCallback(() => {
    puente['conflictos.listar']({})
      .then((l) => {
        setLista(l);
        setError(null);
      })
      .catch((e: unknown) => setError(mensajeDeError(e)));
  }, []);
  // The sync engine may add or clear failures while the panel is open.
  useEffect(cargar, [cargar, fallidos]);

  /** Runs one resolution; the list and the status bar are read again whatever the outcome. */
  const resolver = async (accion: () => Promise<unknown>, aviso: string) => {
    setOcupado(true);
    try {
      await accion();
      avisar(aviso, 'exito');
      return true;
    } catch (e) {
      avisar(mensajeDeError(e), 'error');
      return false;
    } finally {
      setOcupado(false);
      cargar();
      void actualizarSync();
    }
  };

  const reenviarEditado = async () => {
    if (!editando) return;
    let args: Record<string, unknown>;
    try {
      args = JSON.parse(editando.texto) as Record<string, unknown>;
    } catch (e) {
      setEditando({ ...editando, error: t('jsonInvalido', { detalle: (e as Error).message }) });
      return;
    }
    const ok = await resolver(
      () => puente['conflictos.editar']({ mutationId: editando.comando.mutationId, args }),
      t('reintentado'),
    );
    if (ok) setEditando(null);
  };

  return (
    <section className="conflictos" aria-labelledby="titulo-conflictos">
      <div className="cabecera-pantalla">
        <h1 id="titulo-conflictos">{t('titulo')}</h1>
      </div>
      <p className="texto-suave">{t('intro')}</p>
      <AvisoRecuperacion />
      {error && (
        <MensajeError
          error={error}
          accion={
            <Boton pequeno onClick={cargar}>
              {t('reintentar')}
            </Boton>
          }
        />
      )}
      {!lista && !error && <Cargando />}
      {lista?.length === 0 && (
        <EstadoVacio icono="✔" titulo={t('vacio')}>
          <p className="texto-suave">{textoPanelVacio(estadoSync, t)}</p>
        </EstadoVacio>
      )}
      <div className="conflictos__lista">
        {lista?.map((c) => (
          <Tarjeta
            key={c.mutationId}
            comando={c}
            ocupado={ocupado}
            onReintentar={() =>
              void resolver(() => puente['conflictos.reintentar']({ mutationId: c.mutationId }), t('reintentado'))
            }
            onEditar={() => setEditando({ comando: c, texto: JSON.stringify(c.args, null, 2), error: null })}
            onDescartar={() => setDescartando(c)}
          />
        ))}
      </div>
      <Dialogo
        titulo={t('editar')}
        abierto={editando !== null}
        onCerrar={() => setEditando(null)}
        pie={
          <>
            <Boton onClick={() => setEditando(null)}>{t('cancelar', { ns: 'ui' })}</Boton>
            <Boton variante="primario" onClick={() => void reenviarEditado()} disabled={ocupado}>
              {t('editar')}
            </Boton>
          </>
        }
      >
        {editando && (
          <Campo etiqueta={t('datos')} ayuda={t('datosAyuda')} error={editando.error}>
            {(p) => (
              <textarea
                {...p}
                className="control conflictos__json"
                rows={12}
                spellCheck={false}
                value={editando.texto}
                onChange={(e) => setEditando({ ...editando, texto: e.target.value, error: null })}
              />
            )}
          </Campo>
        )}
      </Dialogo>
      <Dialogo
        titulo={t('confirmarDescartar')}
        abierto={descartando !== null}
        onCerrar={() => setDescartando(null)}
        pie={
          <>
            <Boton onClick={() => setDescartando(null)}>{t('cancelar', { ns: 'ui' })}</Boton>
            <Boton
              variante="peligro"
              disabled={ocupado}
              onClick={() => {
                const c = descartando;
                setDescartando(null);
                if (c)
                  void resolver(() => puente['conflictos.descartar']({ mutationId: c.mutationId }), t('descartado'));
              }}
            >
              {t('descartar')}
            </Boton>
          </>
        }
      >
        <p>{t('confirmarDescartarTexto')}</p>
      </Dialogo>
    </section>
  );
}
