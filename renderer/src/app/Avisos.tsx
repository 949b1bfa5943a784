import { useAvisos } from './avisos';

export function Avisos() {
  const { avisos, quitar } = useAvisos();
  return (
    <div className="avisos" aria-live="polite">
      {avisos.map((a) => (
        <div key={a.id} className={`aviso aviso--${a.tono}`} role={a.tono === 'error' ? 'alert' : 'status'}>
          <span>{a.texto}</span>
          <button type="button" className="aviso__cerrar" aria-label="Cerrar" onClick={() => quitar(a.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
