export function PantallaBandeja() {
  return <h1>Bandeja</h1>;
}
