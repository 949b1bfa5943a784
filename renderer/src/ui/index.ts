/** The design system: import primitives from here; tokens live in tema.css. */
import './textos';
export { Boton, type PropsBoton } from './Boton';
export { Campo, type PropsControl } from './Campo';
export { Insignia, type TonoInsignia } from './Insignia';
export { Tarjeta } from './Tarjeta';
export { Dialogo } from './Dialogo';
export { Aviso, BarraProgreso, Cargando, EstadoVacio, MensajeError } from './estados';
export { formatearFecha, formatearFechaHora, formatearNumero } from './fechas';
