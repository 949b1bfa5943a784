/** Document viewer (entry component; the full viewer is being built in this folder). */
export function VisorDocumento(props: { documentoId: string; nombre: string; onCerrar: () => void }) {
  return (
    <section aria-busy="true" aria-labelledby="titulo-visor">
      <h1 id="titulo-visor">{props.nombre}</h1>
      <p role="status">Cargando…</p>
      <button type="button" onClick={props.onCerrar}>
        Cerrar
      </button>
    </section>
  );
}
