import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CifrasTablero } from '../../../shared/src/bridge/tipos';
import { idiomaActual } from '../i18n';
import { puente } from '../puente';
import {
  Aviso,
  Boton,
  Cargando,
  MensajeError,
  Tarjeta,
  formatearFecha,
  formatearFechaHora,
  formatearNumero,
} from '../ui';
import './tablero.css';
import './textos';

const COLOR_PRIORIDAD: Record<string, string> = {
  URGENTE: '#7a1a12',
  ALTA: '#b42318',
  NORMAL: '#0b4aa2',
  BAJA: '#5b6778',
};

/** The office at a glance, from the local mirror (offline too), with the server's report figures when online. */
export function PantallaTablero() {
  const { t } = useTranslation('tablero');
  const idioma = idiomaActual();
  const [cifras, setCifras] = useState<CifrasTablero | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cargar = useCallback(async () => {
    try {
      setCifras(await puente['tablero.cifras']({}));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void cargar();
  }, [cargar]);

  if (!cifras) return error !== null ? <MensajeError error={error} /> : <Cargando />;
  const abiertos = cifras.por_estado.filter((e) => !e.es_final && e.total > 0);
  const numero = (n: number) => formatearNumero(n, idioma);

  return (
    <section className="pantalla tablero" aria-labelledby="tablero-titulo">
      <header className="pantalla__cabecera">
        <div>
          <h1 id="tablero-titulo">{t('titulo')}</h1>
          <p className="texto-suave">{t('actualizado', { fecha: formatearFechaHora(cifras.actualizado, idioma) })}</p>
        </div>
        <Boton onClick={() => void cargar()}>↻ {t('actualizar')}</Boton>
      </header>
      {error !== null && <MensajeError error={error} />}
      {!cifras.servidor && <Aviso tono="info">{t('sinConexion')}</Aviso>}

      <div className="tablero__cifras">
        <Cifra etiqueta={t('total')} valor={numero(cifras.total)} />
        <Cifra etiqueta={t('abiertos')} valor={numero(cifras.abiertos)} />
        <Cifra
          etiqueta={t('vencidos')}
          valor={numero(cifras.vencidos)}
          tono={cifras.vencidos > 0 ? 'peligro' : undefined}
        />
        <Cifra
          etiqueta={t('pendientes')}
          valor={numero(cifras.pendientes_sync)}
          tono={cifras.pendientes_sync > 0 ? 'aviso' : undefined}
        />
      </div>

      <div className="tablero__graficos">
        <Tarjeta titulo={t('porEstado')} className="tablero__ancho">
          <div className="tablero__grafico" role="img" aria-label={t('porEstado')}>
            <ResponsiveContainer width="100%" height={Math.max(180, abiertos.length * 34)}>
              <BarChart data={abiertos} layout="vertical" margin={{ left: 16, right: 24 }}>
                <CartesianGrid horizontal={false} stroke="#e3e8ef" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="nombre" width={220} tick={{ fontSize: 13 }} />
                <Tooltip />
                <Bar dataKey="total" name={t('casos')} radius={[0, 4, 4, 0]} isAnimationActive={false}>
                  {abiertos.map((e) => (
                    <Cell key={`${e.tipo}-${e.codigo}`} fill={e.color} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="sr-only">
            <caption>{t('tablaEstados')}</caption>
            <tbody>
              {abiertos.map((e) => (
                <tr key={`${e.tipo}-${e.codigo}`}>
                  <th scope="row">{e.nombre}</th>
                  <td>{e.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Tarjeta>

        <Tarjeta titulo={t('porPrioridad')}>
          <div className="tablero__grafico" role="img" aria-label={t('porPrioridad')}>
            <ResponsiveContainer width="100%" height={220}>
              <PieChart>
                <Pie
                  data={cifras.por_prioridad.map((p) => ({ ...p, nombre: t(`prioridad.${p.prioridad}`) }))}
                  dataKey="total"
                  nameKey="nombre"
                  innerRadius={50}
                  outerRadius={85}
                  isAnimationActive={false}
                  label={({ name, value }) => `${String(name)}: ${String(value)}`}
                >
                  {cifras.por_prioridad.map((p) => (
                    <Cell key={p.prioridad} fill={COLOR_PRIORIDAD[p.prioridad] ?? '#95a5a6'} />
                  ))}
                </Pie>
                <Tooltip />
              </PieChart>
            </ResponsiveContainer>
          </div>
        </Tarjeta>

        <Tarjeta titulo={t('porDia')} className="tablero__ancho">
          <div className="tablero__grafico" role="img" aria-label={t('porDia')}>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={cifras.registrados_por_dia} margin={{ left: 0, right: 16 }}>
                <CartesianGrid vertical={false} stroke="#e3e8ef" />
                <XAxis
                  dataKey="fecha"
                  tickFormatter={(f: string) => formatearFecha(f, idioma).replace(/\s*\d{4}$/, '')}
                  tick={{ fontSize: 12 }}
                  interval="preserveStartEnd"
                />
                <YAxis allowDecimals={false} />
                <Tooltip labelFormatter={(f) => formatearFecha(String(f), idioma)} />
                <Bar dataKey="total" name={t('casos')} fill="#1559c0" radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Tarjeta>

        {cifras.servidor && (
          <Tarjeta titulo={t('servidor')}>
            <dl className="datos">
              <dt>{t('total')}</dt>
              <dd>{numero(cifras.servidor.total)}</dd>
              <dt>{t('vencidos')}</dt>
              <dd>{numero(cifras.servidor.vencidos)}</dd>
              <dt>{t('aprobados')}</dt>
              <dd>{numero(cifras.servidor.aprobados)}</dd>
              <dt>{t('rechazados')}</dt>
              <dd>{numero(cifras.servidor.rechazados)}</dd>
              <dt>{t('tasa')}</dt>
              <dd>
                {cifras.servidor.tasa_aprobacion === null
                  ? '—'
                  : `${formatearNumero(cifras.servidor.tasa_aprobacion, idioma)} %`}
              </dd>
              <dt>{t('promedio')}</dt>
              <dd>{cifras.servidor.promedio_dias_procesamiento ?? '—'}</dd>
            </dl>
          </Tarjeta>
        )}
      </div>
    </section>
  );
}

function Cifra(props: { etiqueta: string; valor: string; tono?: 'peligro' | 'aviso' }) {
  return (
    <div className="cifra tarjeta" data-tono={props.tono}>
      <span className="cifra__valor">{props.valor}</span>
      <span className="cifra__etiqueta">{props.etiqueta}</span>
    </div>
  );
}
