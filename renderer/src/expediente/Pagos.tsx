import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Fila } from '#shared/bridge/tipos';
import { METODOS_PAGO } from '#shared/ppsh/schemas';
import { validarMetodoPago } from '#shared/ppsh/reglas';
import { idiomaActual } from '../i18n';
import { puente } from '../puente';
import { Boton, Campo, MensajeError, Tarjeta, formatearFecha } from '../ui';
import { useCatalogo } from '../ui/useCatalogo';

const balboas = (centavos: number, idioma: string) =>
  `B/. ${new Intl.NumberFormat(idioma === 'en' ? 'en-US' : 'es-PA', { minimumFractionDigits: 2 }).format(centavos / 100)}`;

/** Payments: the list with amounts in balboas, and recording one at the counter (cheque/transfer need their number). */
export function Pagos(props: {
  casoId: string;
  filas: Fila[];
  puedeRegistrar: boolean;
  ejecutar: (llamada: () => Promise<unknown>) => Promise<boolean>;
}) {
  const { t } = useTranslation('expediente');
  const idioma = idiomaActual();
  const conceptos = useCatalogo('ppsh_conceptos_pago');
  const [concepto, setConcepto] = useState('');
  const [metodo, setMetodo] = useState<(typeof METODOS_PAGO)[number]>('EFECTIVO');
  const [numero, setNumero] = useState('');
  const [recibo, setRecibo] = useState('');
  const [error, setError] = useState<unknown>(null);
  const nombreConcepto = (cod: unknown) => conceptos.find((c) => c.cod_concepto === cod)?.nom_concepto ?? cod;

  const registrar = async () => {
    const pago = {
      tipo_concepto: concepto,
      metodo_pago: metodo,
      num_recibo: recibo.trim() || undefined,
      num_cheque: metodo === 'CHEQUE' ? numero.trim() || undefined : undefined,
      num_transferencia: metodo === 'TRANSFERENCIA' ? numero.trim() || undefined : undefined,
    };
    const rechazo = validarMetodoPago(pago);
    if (rechazo) return setError(rechazo);
    setError(null);
    if (await props.ejecutar(() => puente['ppsh.registrarPago']({ id: props.casoId, pago }))) {
      setNumero('');
      setRecibo('');
    }
  };

  return (
    <Tarjeta titulo={t('pagos')}>
      {props.filas.length === 0 ? (
        <p className="texto-suave">{t('sinPagos')}</p>
      ) : (
        <table className="tabla">
          <thead>
            <tr>
              <th scope="col">{t('concepto')}</th>
              <th scope="col">{t('metodo')}</th>
              <th scope="col">{t('numRecibo')}</th>
              <th scope="col" className="numero">
                B/.
              </th>
            </tr>
          </thead>
          <tbody>
            {props.filas.map((p) => (
              <tr key={p.id}>
                <td>
                  {String(nombreConcepto(p.tipo_concepto))}
                  <br />
                  <span className="texto-suave">{formatearFecha(String(p.fecha_pago ?? p.created_at), idioma)}</span>
                </td>
                <td>{t(`metodoNombre.${String(p.metodo_pago)}`)}</td>
                <td>{String(p.num_recibo ?? '—')}</td>
                <td className="numero">{balboas(Number(p.monto_centavos), idioma)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.puedeRegistrar && (
        <form
          className="formulario-en-linea"
          onSubmit={(e) => {
            e.preventDefault();
            void registrar();
          }}
        >
          <Campo etiqueta={t('concepto')}>
            {(c) => (
              <select
                {...c}
                className="control"
                required
                value={concepto}
                onChange={(e) => setConcepto(e.target.value)}
              >
                <option value="">—</option>
                {conceptos.map((x) => (
                  <option key={String(x.cod_concepto)} value={String(x.cod_concepto)}>
                    {String(x.nom_concepto)} ({balboas(Number(x.monto_centavos), idioma)})
                  </option>
                ))}
              </select>
            )}
          </Campo>
          <Campo etiqueta={t('metodo')}>
            {(c) => (
              <select
                {...c}
                className="control"
                value={metodo}
                onChange={(e) => setMetodo(e.target.value as (typeof METODOS_PAGO)[number])}
              >
                {METODOS_PAGO.map((m) => (
                  <option key={m} value={m}>
                    {t(`metodoNombre.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Campo>
          {(metodo === 'CHEQUE' || metodo === 'TRANSFERENCIA') && (
            <Campo etiqueta={t(metodo === 'CHEQUE' ? 'numCheque' : 'numTransferencia')}>
              {(c) => <input {...c} className="control" value={numero} onChange={(e) => setNumero(e.target.value)} />}
            </Campo>
          )}
          <Campo etiqueta={t('numRecibo')}>
            {(c) => <input {...c} className="control" value={recibo} onChange={(e) => setRecibo(e.target.value)} />}
          </Campo>
          <Boton type="submit" disabled={!concepto}>
            {t('registrarPago')}
          </Boton>
        </form>
      )}
      {error !== null && <MensajeError error={error} />}
    </Tarjeta>
  );
}
