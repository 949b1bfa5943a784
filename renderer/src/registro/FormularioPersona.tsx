import { useTranslation } from 'react-i18next';
import { PARENTESCOS, TIPOS_DOCUMENTO_IDENTIDAD } from '#shared/ppsh/schemas';
import { Campo } from '../ui';
import { useCatalogo } from '../ui/useCatalogo';
import type { CampoPersona, PersonaBorrador } from './borrador';
import './textos';

type Opcion = { valor: string; texto: string };

/**
 * One person's fields (titular or dependent), grouped the way the paper form is. `error(campo)` gives the schema's
 * message for a field once the officer has left it or tried to move on; `onSalir` marks it as visited.
 */
export function FormularioPersona(props: {
  persona: PersonaBorrador;
  esDependiente: boolean;
  onCambio: (campo: CampoPersona, valor: string) => void;
  onSalir: (campo: CampoPersona) => void;
  error: (campo: CampoPersona) => string | null;
}) {
  const { t } = useTranslation('registro');
  const paises = useCatalogo('paises').map((p) => ({ valor: String(p.cod_pais), texto: String(p.nombre) }));
  const sexos = useCatalogo('sexos').map((p) => ({ valor: String(p.cod_sexo), texto: String(p.nombre) }));
  const civiles = useCatalogo('estados_civiles').map((p) => ({
    valor: String(p.cod_estado_civil),
    texto: String(p.nombre),
  }));
  const { persona: p } = props;

  const texto = (campo: CampoPersona, tipo = 'text', ayuda?: string) => (
    <Campo etiqueta={t(`campo.${campo}`)} error={props.error(campo)} ayuda={ayuda}>
      {(c) => (
        <input
          {...c}
          className="control"
          type={tipo}
          name={campo}
          value={p[campo]}
          onChange={(e) => props.onCambio(campo, e.target.value)}
          onBlur={() => props.onSalir(campo)}
        />
      )}
    </Campo>
  );
  const lista = (campo: CampoPersona, opciones: Opcion[], conVacio = true) => (
    <Campo etiqueta={t(`campo.${campo}`)} error={props.error(campo)}>
      {(c) => (
        <select
          {...c}
          className="control"
          name={campo}
          value={p[campo]}
          onChange={(e) => props.onCambio(campo, e.target.value)}
          onBlur={() => props.onSalir(campo)}
        >
          {conVacio && <option value="">{t('elegir')}</option>}
          {opciones.map((o) => (
            <option key={o.valor} value={o.valor}>
              {o.texto}
            </option>
          ))}
        </select>
      )}
    </Campo>
  );

  return (
    <div className="formulario-persona">
      {props.esDependiente &&
        lista(
          'parentesco_titular',
          PARENTESCOS.map((v) => ({ valor: v, texto: t(`parentesco.${v}`) })),
        )}
      <fieldset>
        <legend>{t('seccion.documento')}</legend>
        <div className="rejilla">
          {lista(
            'tipo_documento',
            TIPOS_DOCUMENTO_IDENTIDAD.map((v) => ({ valor: v, texto: t(`tipoDocumento.${v}`) })),
            false,
          )}
          {texto('num_documento', 'text', p.tipo_documento === 'CEDULA' ? t('ayuda.num_documento') : undefined)}
          {lista('pais_emisor', paises)}
          {texto('fecha_emision_doc', 'date')}
          {texto('fecha_vencimiento_doc', 'date')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('seccion.personales')}</legend>
        <div className="rejilla">
          {texto('primer_nombre')}
          {texto('segundo_nombre')}
          {texto('primer_apellido')}
          {texto('segundo_apellido')}
          {texto('fecha_nacimiento', 'date')}
          {lista('cod_sexo', sexos)}
          {lista('cod_nacionalidad', paises)}
          {lista('cod_estado_civil', civiles)}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('seccion.contacto')}</legend>
        <div className="rejilla">
          {texto('telefono', 'tel', t('ayuda.telefono'))}
          {texto('email', 'email')}
          {texto('direccion_panama')}
          {texto('ocupacion')}
        </div>
      </fieldset>
    </div>
  );
}
