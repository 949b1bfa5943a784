/** Expediente (entry component; the full screen is being built in this folder). */
export function PantallaExpediente(_props: { id: string }) {
  return (
    <section aria-busy="true" aria-labelledby="titulo-expediente">
      <h1 id="titulo-expediente">Expediente</h1>
      <p role="status">Cargando…</p>
    </section>
  );
}
