// The portal's one way to the HTTP API: JSON in and out, the host's CSRF token on every write,
// and every refusal turned into a sentence a person can act on.

const meta = name => document.querySelector(`meta[name="${name}"]`)?.content || '';

/** The API's address, such as /api/resellerkit/v3, filled in by the server. */
export const apiBase = meta('resellerkit-api');

/** A refusal or failure of the API, with its problem details (code, detail, quota, limit, usage, ...). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

// The host's CSRF token: from the page (Spring Security's token, rendered by the server), else from
// Spring Security's cookie convention (XSRF-TOKEN cookie, X-XSRF-TOKEN header).
function csrfHeaders() {
  const header = meta('csrf-header');
  const token = meta('csrf-token');
  if (header && token) return { [header]: token };
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? { 'X-XSRF-TOKEN': decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) } : {};
}

/** Calls the API; resolves to the JSON body (null for 204), rejects with an ApiError. */
export async function call(method, path, body, headers = {}) {
  const all = { Accept: 'application/json', ...headers };
  if (method !== 'GET') Object.assign(all, csrfHeaders());
  if (body !== undefined) all['Content-Type'] = 'application/json';
  const response = await fetch(apiBase + path, {
    method, headers: all, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = path => call('GET', path);
export const post = (path, body = {}) => call('POST', path, body);
export const patch = (path, body, version) =>
  call('PATCH', path, body, version === undefined ? {} : { 'If-Match': `"${version}"` });
export const remove = path => call('DELETE', path);

/** A query string from an object: empty values left out, arrays repeated. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of [].concat(value)) {
      if (v !== undefined && v !== null && v !== '') q.append(key, v);
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const QUOTAS = {
  'reseller.allowedUsers': "the reseller's user quota",
  'reseller.allowedOrganizations': "the reseller's organization quota",
  'organization.allowedUsers': "the organization's user quota",
};

/** One sentence for a failed action: what was refused, and why (for a quota: the limit and the usage). */
export function describe(error, what) {
  if (!(error instanceof ApiError)) return `${what} failed: the server could not be reached.`;
  const p = error.problem;
  switch (p.code) {
    case 'quota_exceeded':
      return `${what} was refused: ${QUOTAS[p.quota] || p.quota} is full (limit ${p.limit}, ${p.usage} in use).`;
    case 'access_denied':
      return `${what} was refused: you may not do this (${p.detail}).`;
    case 'validation_failed':
      return `${what} was refused: ` + (p.violations?.length
        ? p.violations.map(v => `${v.field} ${v.message}`).join('; ') : p.detail) + '.';
    case 'not_found':
      return `${what} failed: it does not exist (${p.detail}).`;
    case 'precondition_failed':
      return `${what} was refused: someone changed it meanwhile. Reload and try again.`;
    case 'unauthenticated':
      return 'You are not signed in, or your session ended: reload the page to sign in.';
  }
  if (error.status === 401) return 'You are not signed in, or your session ended: reload the page to sign in.';
  if (error.status === 403) return `${what} was refused by the server (403): reload the page and try again.`;
  return `${what} failed: ${p.detail || `HTTP ${error.status}`}.`;
}
