/**
 * mssql 12 ships no type declarations and @types/mssql is not a dependency of the project: this declares the small
 * part of its API the ops CLI uses. Delete this file if @types/mssql is ever added.
 */
declare module 'mssql' {
  export interface config {
    server: string;
    port?: number;
    database?: string;
    user?: string;
    password?: string;
    requestTimeout?: number;
    connectionTimeout?: number;
    pool?: { max?: number; min?: number };
    options?: { encrypt?: boolean; trustServerCertificate?: boolean };
  }

  export interface IResult<T> {
    recordset: T[];
    recordsets: T[][];
    rowsAffected: number[];
  }

  export class Request {
    query<T = Record<string, unknown>>(command: string): Promise<IResult<T>>;
    batch<T = Record<string, unknown>>(command: string): Promise<IResult<T>>;
  }

  export class ConnectionPool {
    constructor(config: config);
    connect(): Promise<ConnectionPool>;
    request(): Request;
    close(): Promise<void>;
  }

  const mssql: { ConnectionPool: typeof ConnectionPool };
  export default mssql;
}
