// The statistics API as the page calls it: with the user's token, problems as ApiError, and what each
// refusal means for the user in German.

let token = null;
let renew = null;
let renewing = null;
/**
 * The token every call carries from now on (null after signing out), and how to get a new one
 * when the API refuses it (`renewer`: resolves to a new token, or null when there is none).
 */
export const useToken = (value, renewer = null) => {
  token = value;
  renew = renewer;
};

/**
 * A new token for one the API refused. The page's calls run in parallel and all fail together
 * when the token expires: they share one renewal, since a provider may take a refresh token only
 * once, and a call refused with a token already replaced simply tries the new one.
 */
const renewed = async (refused) => {
  if (token !== refused) return token;
  if (!renew) return null;
  renewing ??= renew()
    .then((fresh) => {
      if (fresh) token = fresh;
      return fresh;
    })
    .finally(() => {
      renewing = null;
    });
  return renewing;
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const explain = (error) => {
  if (!(error instanceof ApiError)) return `Die Statistik ist nicht abrufbar: ${error.message}`;
  switch (error.status) {
    case 401:
      return 'Die Anmeldung ist ungültig oder abgelaufen. Bitte neu anmelden.';
    case 403:
      return (
        'Keine Berechtigung für diese Statistik. Statistiken sehen Analystinnen und Analysten der Bündniskerngruppe ' +
        '(alle Kommunen), Koordinatorinnen und Koordinatoren (nur ihre Kommune) sowie die Administration. ' +
        `Antwort der Schnittstelle: ${error.message}`
      );
    case 400:
      return `Die Filter passen nicht: ${(error.problem.errors || []).map((e) => e.message || e.field || JSON.stringify(e)).join('; ') || error.message}`;
    case 429:
      return 'Zu viele Anfragen in kurzer Zeit. Bitte einen Moment warten.';
    default:
      return `Die Statistik ist gerade nicht abrufbar (HTTP ${error.status}): ${error.message}`;
  }
};

const send = (path, init, bearer) =>
  fetch(path, { ...init, headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json', ...(init.headers || {}) } });

export const api = async (path, init = {}) => {
  const used = token;
  let response = await send(path, init, used);
  if (response.status === 401) {
    const fresh = await renewed(used);
    if (fresh) response = await send(path, init, fresh);
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not problem+json: the status says enough.
    }
    throw new ApiError(response.status, problem);
  }
  return response;
};

export const queryString = (parameters) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || value === '') continue;
    search.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return search.toString();
};

export const fetchStatistics = async ({ type, parameters }) => (await api(`/statistics/${type}?${queryString(parameters)}`)).json();
