export function PantallaAjustes() {
  return <h1>Ajustes</h1>;
}
