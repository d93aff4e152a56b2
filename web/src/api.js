// The REST API (docs/api.md). Paths are resolved against the page's own address, so the app
// works wherever the server mounts it.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Builds a query string; arrays repeat the parameter, empty values are left out. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)));
    else if (value !== null && value !== undefined && value !== "") search.append(key, String(value));
  }
  const text = search.toString();
  return text ? "?" + text : "";
}

export function apiUrl(path, params = {}) {
  return new URL("api/" + path + query(params), document.baseURI).toString();
}

/** GETs JSON (with the review token when one is given); an error answer becomes an ApiError
 * carrying the API's own message. */
export function getJson(path, params = {}, { signal, token = null } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  return request(apiUrl(path, params), { signal, headers });
}

/** POSTs `body` as JSON, with the review token as a bearer token when one is given. */
export function postJson(path, body, { token = null } = {}) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  return request(apiUrl(path), { method: "POST", headers, body: JSON.stringify(body) });
}

async function request(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", `The server did not answer (${err.message}).`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: reported below from the status alone.
  }
  if (!response.ok) {
    const error = body && body.error;
    if (error && error.message) throw new ApiError(error.status || response.status, error.code, error.message);
    throw new ApiError(response.status, "http", `${response.status} ${response.statusText}`);
  }
  return body;
}

/** Wraps getJson so a newer call aborts the one still in flight (filters typed quickly). */
export function latestOnly(path) {
  let controller = null;
  return (params) => {
    if (controller) controller.abort();
    controller = new AbortController();
    return getJson(path, params, { signal: controller.signal });
  };
}

export const isAbort = (err) => err && err.name === "AbortError";
