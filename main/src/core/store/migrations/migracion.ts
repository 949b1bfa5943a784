/** One migration of the desk's local store: a name for the log and the statements that apply it, in order. */
export interface MigracionLocal {
  nombre: string;
  sql: string[];
}
