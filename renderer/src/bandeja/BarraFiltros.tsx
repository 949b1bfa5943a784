import { memo, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { ORDENES_EXPEDIENTES } from '#shared/bridge/contrato';
import { ESTADOS_PPSH } from '#shared/ppsh/estados';
import { PRIORIDADES } from '#shared/ppsh/schemas';
import { ESTADOS_INSTANCIA } from '#shared/workflow/schemas';
import { estadoCaso } from '#shared/casos/schemas';
import { useAvisos } from '../app/avisos';
import { puente } from '../puente';
import { Boton, Campo, Dialogo } from '../ui';
import { borrarFiltro, guardarFiltro, leerFiltrosGuardados, type FiltroGuardado } from './filtrosGuardados';
import type { Filtros, Orden } from './store';
import { useBandeja } from './useBandeja';

/** A state filter names its kind too: EN_REVISION exists in both. */
const valorEstado = (f: Filtros) => (f.estado?.[0] && f.tipo ? `${f.tipo}:${f.estado[0]}` : '');

export const BarraFiltros = memo(function BarraFiltros({ usuarioId }: { usuarioId: string }) {
  const { t } = useTranslation('bandeja');
  // Everything but the search text: typing in the search box does not re-render the filters.
  const filtros = useBandeja(useShallow(({ filtros: { buscar: _buscar, ...resto } }) => resto));
  const { filtrar, reemplazarFiltros } = useBandeja.getState();
  const avisar = useAvisos((s) => s.avisar);
  const [usuarios, setUsuarios] = useState<{ id: string; nombre: string }[]>([]);
  const [guardados, setGuardados] = useState<FiltroGuardado[]>(() => leerFiltrosGuardados(localStorage, usuarioId));
  const [nombrando, setNombrando] = useState(false);
  const [nombre, setNombre] = useState('');

  useEffect(() => {
    // The office's users for "assigned to"; without them the filter still offers "my cases".
    puente['catalogos.listar']({ tabla: 'usuarios' })
      .then((filas) =>
        setUsuarios(
          filas
            .map((u) => ({ id: String(u.id), nombre: String(u.nombre ?? u.username ?? u.id) }))
            .sort((a, b) => a.nombre.localeCompare(b.nombre)),
        ),
      )
      .catch(() => setUsuarios([]));
  }, []);

  const guardar = () => {
    const limpio = nombre.trim();
    if (!limpio) return;
    setGuardados(guardarFiltro(localStorage, usuarioId, { nombre: limpio, filtros }));
    setNombrando(false);
    setNombre('');
    avisar(t('filtroGuardado', { nombre: limpio }), 'exito');
  };
  const hayFiltros = Boolean(
    filtros.tipo || filtros.estado?.length || filtros.prioridad || filtros.asignado_a || filtros.solo_pendientes,
  );

  return (
    <div className="filtros" role="group" aria-label={t('filtros')}>
      <Campo etiqueta={t('tipo')}>
        {(p) => (
          <select
            {...p}
            className="control"
            value={filtros.tipo ?? ''}
            onChange={(e) => filtrar({ tipo: (e.target.value || undefined) as Filtros['tipo'], estado: undefined })}
          >
            <option value="">{t('tipos.todos')}</option>
            <option value="PPSH">{t('tipos.PPSH')}</option>
            <option value="WORKFLOW">{t('tipos.WORKFLOW')}</option>
          </select>
        )}
      </Campo>
      <Campo etiqueta={t('estado')}>
        {(p) => (
          <select
            {...p}
            className="control"
            value={valorEstado(filtros)}
            onChange={(e) => {
              const [tipo, codigo] = e.target.value.split(':');
              filtrar(codigo ? { tipo: tipo as Filtros['tipo'], estado: [codigo] } : { estado: undefined });
            }}
          >
            <option value="">{t('todos')}</option>
            <optgroup label={t('tipos.PPSH')}>
              {ESTADOS_PPSH.map((e) => (
                <option key={e.cod} value={`PPSH:${e.cod}`}>
                  {e.nombre}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('tipos.WORKFLOW')}>
              {ESTADOS_INSTANCIA.map((c) => (
                <option key={c} value={`WORKFLOW:${c}`}>
                  {estadoCaso('WORKFLOW', c, null).nombre}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Campo>
      <Campo etiqueta={t('prioridad')}>
        {(p) => (
          <select
            {...p}
            className="control"
            value={filtros.prioridad ?? ''}
            onChange={(e) => filtrar({ prioridad: (e.target.value || undefined) as Filtros['prioridad'] })}
          >
            <option value="">{t('todos')}</option>
            {PRIORIDADES.map((pr) => (
              <option key={pr} value={pr}>
                {t(`prioridades.${pr}`)}
              </option>
            ))}
          </select>
        )}
      </Campo>
      <Campo etiqueta={t('asignado')}>
        {(p) => (
          <select
            {...p}
            className="control"
            value={filtros.asignado_a ?? ''}
            onChange={(e) => filtrar({ asignado_a: e.target.value || undefined })}
          >
            <option value="">{t('todos')}</option>
            <option value={usuarioId}>{t('misCasos')}</option>
            {usuarios
              .filter((u) => u.id !== usuarioId)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.nombre}
                </option>
              ))}
          </select>
        )}
      </Campo>
      <Campo etiqueta={t('orden')}>
        {(p) => (
          <select
            {...p}
            className="control"
            value={filtros.orden ?? '-fecha_solicitud'}
            onChange={(e) => filtrar({ orden: e.target.value as Orden })}
          >
            {ORDENES_EXPEDIENTES.map((o) => (
              <option key={o} value={o}>
                {t(`ordenes.${o}`)}
              </option>
            ))}
          </select>
        )}
      </Campo>
      <div className="filtros__interruptores">
        <label className="interruptor">
          <input
            type="checkbox"
            checked={filtros.asignado_a === usuarioId}
            onChange={(e) => filtrar({ asignado_a: e.target.checked ? usuarioId : undefined })}
          />
          {t('misCasos')}
        </label>
        <label className="interruptor">
          <input
            type="checkbox"
            checked={Boolean(filtros.solo_pendientes)}
            onChange={(e) => filtrar({ solo_pendientes: e.target.checked || undefined })}
          />
          {t('soloPendientes')}
        </label>
      </div>
      <div className="filtros__guardados">
        <Campo etiqueta={t('guardados')}>
          {(p) => (
            <select
              {...p}
              className="control"
              value=""
              onChange={(e) => {
                const f = guardados.find((g) => g.nombre === e.target.value);
                if (f) reemplazarFiltros({ ...f.filtros, buscar: useBandeja.getState().filtros.buscar });
              }}
            >
              <option value="">{t('elegirGuardado')}</option>
              {guardados.map((g) => (
                <option key={g.nombre} value={g.nombre}>
                  {g.nombre}
                </option>
              ))}
            </select>
          )}
        </Campo>
        <Boton pequeno onClick={() => setNombrando(true)} disabled={!hayFiltros}>
          {t('guardarFiltro')}
        </Boton>
        {hayFiltros && (
          <Boton
            pequeno
            variante="fantasma"
            onClick={() => reemplazarFiltros({ buscar: useBandeja.getState().filtros.buscar })}
          >
            {t('limpiar')}
          </Boton>
        )}
      </div>
      <Dialogo
        titulo={t('guardarFiltro')}
        abierto={nombrando}
        onCerrar={() => setNombrando(false)}
        pie={
          <>
            <Boton onClick={() => setNombrando(false)}>{t('cancelar', { ns: 'ui' })}</Boton>
            <Boton variante="primario" onClick={guardar} disabled={!nombre.trim()}>
              {t('guardar', { ns: 'ui' })}
            </Boton>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            guardar();
          }}
        >
          <Campo etiqueta={t('nombreFiltro')}>
            {(p) => (
              <input
                {...p}
                className="control"
                autoFocus
                maxLength={60}
                value={nombre}
                onChange={(e) => setNombre(e.target.value)}
              />
            )}
          </Campo>
        </form>
        {guardados.length > 0 && (
          <ul className="lista-guardados">
            {guardados.map((g) => (
              <li key={g.nombre}>
                <span>{g.nombre}</span>
                <Boton
                  pequeno
                  variante="fantasma"
                  aria-label={`${t('borrarFiltro')}: ${g.nombre}`}
                  onClick={() => setGuardados(borrarFiltro(localStorage, usuarioId, g.nombre))}
                >
                  ✕
                </Boton>
              </li>
            ))}
          </ul>
        )}
      </Dialogo>
    </div>
  );
});
