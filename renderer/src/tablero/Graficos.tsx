import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CifrasTablero } from '#shared/bridge/tipos';
import { idiomaActual } from '../i18n';
import { Tarjeta, formatearFecha } from '../ui';
import './textos';

const COLOR_PRIORIDAD: Record<string, string> = {
  URGENTE: '#7a1a12',
  ALTA: '#b42318',
  NORMAL: '#0b4aa2',
  BAJA: '#5b6778',
};

/** The dashboard's charts (recharts loads with them, only when a supervisor opens the dashboard). */
export function GraficosTablero({ cifras }: { cifras: CifrasTablero }) {
  const { t } = useTranslation('tablero');
  const idioma = idiomaActual();
  const abiertos = cifras.por_estado.filter((e) => !e.es_final && e.total > 0);
  return (
    <>
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
              >
                {cifras.por_prioridad.map((p) => (
                  <Cell key={p.prioridad} fill={COLOR_PRIORIDAD[p.prioridad] ?? '#95a5a6'} />
                ))}
              </Pie>
              <Tooltip />
              {/* A legend below, not labels around the ring: long names in a narrow card were cut off. */}
              <Legend
                formatter={(nombre, entrada) =>
                  `${String(nombre)}: ${String((entrada.payload as { total?: number } | undefined)?.total ?? '')}`
                }
              />
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
    </>
  );
}
