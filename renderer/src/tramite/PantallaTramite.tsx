/** Trámite (entry component; the full screen is being built in this folder). */
export function PantallaTramite(_props: { id: string }) {
  return (
    <section aria-busy="true" aria-labelledby="titulo-tramite">
      <h1 id="titulo-tramite">Trámite</h1>
      <p role="status">Cargando…</p>
    </section>
  );
}
