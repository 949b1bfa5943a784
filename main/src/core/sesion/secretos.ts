/** Where secrets live: Electron's safeStorage in the app (main/src/secretos.ts), a file in the web shell and tests. */
export interface SecretStore {
  get(clave: string): Promise<string | null>;
  /** May refuse to keep the value (no protected key store): a later get() then answers null. */
  set(clave: string, valor: string): Promise<void>;
  delete(clave: string): Promise<void>;
}
