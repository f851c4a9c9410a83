import type { ApiErrorBody } from './api-types';

/** An answer other than 2xx, with the API's error body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? `The server answered ${status}`);
    this.name = 'ApiError';
  }

  /** The message followed by the fields the API named, for showing to the agent. */
  describe(): string {
    const fields = this.body?.details?.map((detail) => `${detail.field}: ${detail.problems.join(', ')}`);
    return fields?.length ? `${this.message} (${fields.join('; ')})` : this.message;
  }
}

export const describeError = (error: unknown): string =>
  error instanceof ApiError ? error.describe() : error instanceof Error ? error.message : String(error);

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface ApiClientOptions {
  token: () => string | null;
  /** Called on any 401: the session is gone or was revoked. */
  onUnauthorized: () => void;
  fetch?: typeof fetch;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A small JSON client for /api: bearer token, typed answers, ApiError on failure. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T = void>(path: string, query?: Query): Promise<T> {
    return this.request<T>('DELETE', withQuery(path, query));
  }

  /** A non-JSON representation (e.g. `text/csv`) as a Blob. */
  async download(path: string, query: Query, accept: string): Promise<Blob> {
    const response = await this.send('GET', withQuery(path, query), undefined, accept);
    return response.blob();
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body, 'application/json');
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  private async send(method: string, path: string, body: unknown, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const token = this.options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return response;
    const errorBody = await response.json().then(
      (body: unknown) => body as ApiErrorBody,
      () => null,
    );
    if (response.status === 401) this.options.onUnauthorized();
    throw new ApiError(response.status, errorBody);
  }
}
