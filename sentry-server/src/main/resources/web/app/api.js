// HTTP access: the original's query API (envelope {code,msg,data}) and the REST API under /api/v1.

/**
 * A failed call. kind: "refused" (the server understood and said no: 4xx), "auth" (401/403), "conflict" (409),
 * "missing" (404), "error" (5xx, network, unreadable answer).
 */
export class ApiError extends Error {
  constructor(kind, status, message, code) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

function kindOf(status) {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'missing';
  if (status === 409) return 'conflict';
  if (status >= 400 && status < 500) return 'refused';
  return 'error';
}

async function send(method, url, body, signal) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = csrfToken();
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch(url, {
      method, headers, signal, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('error', 0, 'the server does not answer (' + e.message + ')');
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
  if (!res.ok) {
    const msg = (json && (json.msg || json.message || json.error)) || text.slice(0, 200) || res.statusText;
    if (res.status === 401 && onUnauthorized) onUnauthorized();
    throw new ApiError(kindOf(res.status), res.status, msg, json && json.code);
  }
  if (text && json === null) throw new ApiError('error', res.status, 'unreadable answer from ' + url);
  return json;
}

/** POST /server/api/<name> and unwrap the envelope. */
export async function query(name, body, signal) {
  const json = await send('POST', '/server/api/' + name, body, signal);
  if (!json || json.code !== 0) {
    throw new ApiError('refused', 200, (json && json.msg) || 'unexpected answer', json && json.code);
  }
  return json.data;
}

/** A call to the REST API (/api/v1, same envelope); returns the envelope's data. */
export async function rest(method, path, body, signal) {
  const json = await send(method, '/api/v1' + path, body, signal);
  if (json && typeof json === 'object' && 'code' in json && 'data' in json) {
    if (json.code !== 0) throw new ApiError('refused', 200, json.msg || 'refused', json.code);
    return json.data;
  }
  return json;
}

let onUnauthorized = null;
/** Called when any call answers 401 (the session ended): the app goes to the login page. */
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

// The session cookie is HttpOnly; its CSRF token comes in the login answer and must travel with every write.
const CSRF_KEY = 'sentry.csrf';
function csrfToken() {
  return localStorage.getItem(CSRF_KEY);
}
export function setCsrfToken(token) {
  if (token) localStorage.setItem(CSRF_KEY, token); else localStorage.removeItem(CSRF_KEY);
}

// Small caches for the editor's suggestions: names change slowly, and typing must not flood the server.
const cache = new Map();
function cached(key, ttlMs, load) {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value;
  const value = load().catch(e => { cache.delete(key); throw e; });
  cache.set(key, { at: Date.now(), value });
  return value;
}

export const names = {
  metrics: prefix => cached('m:' + prefix, 30000, () => query('metrics', { metric: prefix })),
  tagKeys: metric => cached('k:' + metric, 30000, () => query('tagKeys', { metric })),
  tagValues: (metric, key, prefix = '', tags = {}) => cached('v:' + metric + '\u0000' + key + '\u0000' + prefix
    + JSON.stringify(tags), 30000, () => query('tagValues', { metric, tags: { ...tags, [key]: prefix + '*' } })),
};
