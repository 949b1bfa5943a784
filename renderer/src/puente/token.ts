/**
 * The web shell's per-launch token arrives in the URL fragment (never sent to a server, never in logs). It is kept in
 * sessionStorage (survives a reload of this tab only) and removed from the address bar so it is not copied or bookmarked.
 */
const CLAVE = 'tramites.token';

export function tomarToken(loc: Location, almacen: Storage, historial: History): string | null {
  const enFragmento = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  if (enFragmento) {
    almacen.setItem(CLAVE, enFragmento);
    historial.replaceState(null, '', loc.pathname + loc.search);
    return enFragmento;
  }
  return almacen.getItem(CLAVE);
}
