/** A small JSON client for tests: `const r = await cliente(token).post(url, body)` → {status, body, headers}. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON bodies
export interface Respuesta<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

async function enviar(
  metodo: string,
  url: string,
  token: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Respuesta> {
  const r = await fetch(url, {
    method: metodo,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  const texto = await r.text();
  let json: unknown = texto;
  try {
    json = texto ? JSON.parse(texto) : undefined;
  } catch {
    // not JSON (file download, metrics): keep the text
  }
  return { status: r.status, body: json, headers: r.headers };
}

export function cliente(token?: string) {
  return {
    get: (url: string, headers?: Record<string, string>) => enviar('GET', url, token, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) =>
      enviar('POST', url, token, body ?? {}, headers),
    put: (url: string, body: unknown) => enviar('PUT', url, token, body),
    patch: (url: string, body: unknown) => enviar('PATCH', url, token, body),
    delete: (url: string) => enviar('DELETE', url, token),
  };
}

export type Cliente = ReturnType<typeof cliente>;
