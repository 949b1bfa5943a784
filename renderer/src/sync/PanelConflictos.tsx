export function PanelConflictos() {
  return <h1>Conflictos</h1>;
}
