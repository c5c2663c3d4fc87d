// A thin fetch wrapper: JSON in and out, the CSRF token on writes, errors as readable messages.
export interface Me {
  user: { id: number; name: string; role: "viewer" | "analyst" | "admin" } | null;
  csrf: string | null;
  public: boolean;
}

let csrf: string | null = null;
export function setCsrf(token: string | null): void {
  csrf = token;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The error body as the server sent it (a 409 carries the current state). */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (init.method && init.method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers,
    credentials: "same-origin",
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const data = (await res.json().catch(() => null)) as { message?: string } | null;
  if (!res.ok) throw new HttpError(res.status, data?.message ?? `${res.status} ${res.statusText}`, data);
  return data as T;
}

export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : "";
}
