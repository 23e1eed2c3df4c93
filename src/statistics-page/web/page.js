// The statistics page in the browser: signs in (a pasted development token, or the OIDC provider's
// login with PKCE), asks the statistics API with the user's token, and draws what it answers.
// Figures the disclosure control withheld arrive without a value and are shown as `*`; nothing is
// ever computed back from totals here. Plot and d3 are the app's own copies (window.Plot, window.d3).
import { LABELS } from './labels.js';

const Plot = window.Plot;
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'lotse.statistics.token';
const PKCE_KEY = 'lotse.statistics.pkce';
const login = document.body.dataset;
const state = { token: sessionStorage.getItem(TOKEN_KEY), answers: {}, queries: {}, municipalitiesKnown: false };

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// ---- labels and numbers -------------------------------------------------------------------

const quarterLabel = (code) => {
  const match = /^(\d{4})-Q([1-4])$/.exec(code);
  return match ? `Q${match[2]} ${match[1]}` : code;
};
const label = (dimension, code) => {
  if (dimension === 'quarter') return quarterLabel(code);
  if (dimension === 'municipality') return code.replace(/(^|-)(\p{L})/gu, (_, dash, letter) => `${dash}${letter.toUpperCase()}`);
  return (LABELS[dimension] && LABELS[dimension][code]) || code;
};
const dimensionLabel = (dimension) => LABELS.dimension[dimension] || dimension;
const formatCell = (cell) => {
  if (!cell) return '';
  if (cell.suppressed) return '*';
  if (cell.value === null || cell.value === undefined) return '–';
  return cell.value.toLocaleString('de-DE');
};
/** The figures a chart may draw: published and not zero (a zero bar is no mark). */
const drawable = (cells) => cells.filter((cell) => !cell.suppressed && typeof cell.value === 'number' && cell.value > 0);

// ---- messages -----------------------------------------------------------------------------

const showMessage = (text, kind = 'error') => {
  const box = $('message');
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
};

const explain = (error) => {
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

// ---- the API ------------------------------------------------------------------------------

const api = async (path, init = {}) => {
  const response = await fetch(path, {
    ...init,
    headers: { Authorization: `Bearer ${state.token}`, Accept: 'application/json', ...(init.headers || {}) },
  });
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

const queryString = (parameters) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || value === '') continue;
    search.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return search.toString();
};

const fetchStatistics = async ({ type, parameters }) => (await api(`/statistics/${type}?${queryString(parameters)}`)).json();

// ---- filters and the queries of the page --------------------------------------------------

const isoDay = (date) => date.toISOString().slice(0, 10);
const defaultPeriod = () => {
  const today = new Date();
  // The current quarter and the seven before it: two years of quarters.
  const firstMonth = Math.floor(today.getUTCMonth() / 3) * 3 - 21;
  return { from: isoDay(new Date(Date.UTC(today.getUTCFullYear(), firstMonth, 1))), to: isoDay(today) };
};

const filters = () => ({
  from: $('filter-from').value,
  to: $('filter-to').value,
  municipality: $('filter-municipality').value || undefined,
});

const queriesFor = ({ from, to, municipality }) => ({
  started: { type: 'pathways', parameters: { measure: 'started', groupBy: ['quarter', 'kind'], from, to, municipality } },
  ended: { type: 'pathways', parameters: { measure: 'ended', groupBy: ['quarter', 'kind'], from, to, municipality } },
  outcomes: { type: 'pathways', parameters: { measure: 'ended', groupBy: ['jurisdiction', 'outcome'], from, to, municipality } },
  // The API groups needs by kind and status; the chart shows the status columns' totals.
  needs: { type: 'needs-offers', parameters: { on: to, groupBy: ['kind', 'residenceStatus'], municipality } },
  careers: { type: 'careers', parameters: { from, to, municipality } },
});

// ---- tables -------------------------------------------------------------------------------

const element = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};
const valueCell = (cell, extraClass = '') => {
  const td = element('td', formatCell(cell), `${cell && cell.suppressed ? 'suppressed' : ''} ${extraClass}`.trim());
  if (cell && cell.suppressed) td.title = 'aus Datenschutzgründen nicht veröffentlicht';
  return td;
};
const row = (head, cells) => {
  const tr = document.createElement('tr');
  tr.append(element('td', head, 'row-head'), ...cells);
  return tr;
};
const headRow = (titles) => {
  const tr = document.createElement('tr');
  titles.forEach((title, i) => tr.append(element('th', title, i === 0 ? 'row-head' : '')));
  return tr;
};

/** One table of the API as rows and columns with their totals, `*` where a figure is withheld. */
const renderTable = (table, caption) => {
  const node = document.createElement('table');
  node.dataset.table = table.name;
  if (caption) node.append(element('caption', caption));
  const [rowDimension] = table.rowDimensions;
  if (!rowDimension) {
    node.append(row('Gesamt', [valueCell(table.total, 'total')]));
    return node;
  }
  if (!table.columnDimension) {
    node.append(headRow([dimensionLabel(rowDimension), 'Anzahl']));
    for (const cell of table.cells) node.append(row(label(rowDimension, cell.keys[rowDimension]), [valueCell(cell)]));
    node.append(row('Gesamt', [valueCell(table.total, 'total')]));
    return node;
  }
  const columns = table.columns;
  node.append(headRow([dimensionLabel(rowDimension), ...columns.map((c) => label(table.columnDimension, c)), 'Gesamt']));
  table.rowTotals.forEach((rowTotal, i) => {
    const cells = table.cells.slice(i * columns.length, (i + 1) * columns.length);
    node.append(row(label(rowDimension, rowTotal.keys[rowDimension]), [...cells.map((c) => valueCell(c)), valueCell(rowTotal, 'total')]));
  });
  const totals = row('Gesamt', [...table.columnTotals.map((c) => valueCell(c, 'total')), valueCell(table.total, 'total')]);
  totals.className = 'total';
  node.append(totals);
  return node;
};

// ---- charts -------------------------------------------------------------------------------

const countMarks = (container) => container.querySelectorAll('g[aria-label="bar"] rect').length;

const draw = (id, plots) => {
  const container = $(id);
  container.replaceChildren(...plots);
  container.dataset.marks = String(countMarks(container));
};

const tableOf = (answer, name) => answer.tables.find((t) => t.name === name || t.name.endsWith(`.${name}`));

const quarterChart = (answer) => {
  const table = answer.tables[0];
  const data = drawable(table.cells).map((c) => ({
    quarter: label('quarter', c.keys.quarter),
    kind: label('kind', c.keys.kind),
    value: c.value,
  }));
  return Plot.plot({
    width: 760,
    height: 300,
    marginLeft: 48,
    marginBottom: 44,
    x: { label: null, domain: table.rowTotals.map((r) => label('quarter', r.keys.quarter)), tickRotate: -30 },
    y: { label: 'Maßnahmen', grid: true },
    color: { legend: true, domain: table.columns.map((k) => label('kind', k)) },
    marks: [
      Plot.barY(data, { x: 'quarter', y: 'value', fill: 'kind', title: (d) => `${d.kind}, ${d.quarter}: ${d.value}` }),
      Plot.ruleY([0]),
    ],
  });
};

const outcomeChart = (answer) => {
  const table = answer.tables[0];
  const data = drawable(table.cells).map((c) => ({
    jurisdiction: label('jurisdiction', c.keys.jurisdiction),
    outcome: label('outcome', c.keys.outcome),
    value: c.value,
  }));
  return Plot.plot({
    width: 760,
    height: 300,
    marginLeft: 190,
    y: { label: null, domain: table.rowTotals.map((r) => label('jurisdiction', r.keys.jurisdiction)) },
    x: { label: 'Beendete Maßnahmen', grid: true },
    color: { legend: true, domain: table.columns.map((o) => label('outcome', o)), scheme: 'tableau10' },
    marks: [
      Plot.barX(data, { y: 'jurisdiction', x: 'value', fill: 'outcome', title: (d) => `${d.jurisdiction}, ${d.outcome}: ${d.value}` }),
      Plot.ruleX([0]),
    ],
  });
};

const NEEDS_SERIES = [
  ['people', 'people_with_open_need'],
  ['free', 'free_places'],
  ['opening', 'places_opening_possible'],
];
const needsChart = (answer) => {
  const data = NEEDS_SERIES.flatMap(([series, name]) =>
    drawable(tableOf(answer, name).columnTotals).map((c) => ({
      status: label('residenceStatus', c.keys.residenceStatus),
      series: LABELS.series[series],
      value: c.value,
    })),
  );
  const series = NEEDS_SERIES.map(([s]) => LABELS.series[s]);
  return Plot.plot({
    width: 760,
    height: 400,
    marginLeft: 190,
    fy: {
      label: null,
      domain: tableOf(answer, 'people_with_open_need').columns.map((status) => label('residenceStatus', status)),
    },
    y: { axis: null, domain: series },
    x: { label: 'Personen bzw. Plätze', grid: true },
    color: { legend: true, domain: series, range: ['#d1495b', '#2e86ab', '#edae49'] },
    marks: [
      Plot.barX(data, { fy: 'status', y: 'series', x: 'value', fill: 'series', title: (d) => `${d.status}, ${d.series}: ${d.value}` }),
      Plot.ruleX([0]),
    ],
  });
};

const smallBars = (table, dimension, title) => {
  const data = drawable(table.cells).map((c) => ({ bucket: c.keys[dimension], value: c.value }));
  return Plot.plot({
    width: 340,
    height: 240,
    marginLeft: 44,
    caption: title,
    x: { label: dimensionLabel(dimension), domain: table.cells.map((c) => c.keys[dimension]) },
    y: { label: 'Personen', grid: true },
    marks: [Plot.barY(data, { x: 'bucket', y: 'value', fill: '#2e86ab', title: (d) => `${d.bucket}: ${d.value}` }), Plot.ruleY([0])],
  });
};

// ---- the sections -------------------------------------------------------------------------

const render = {
  started: (answer) => {
    draw('chart-started', [quarterChart(answer)]);
    $('table-started').replaceChildren(renderTable(answer.tables[0]));
  },
  ended: (answer) => {
    draw('chart-ended', [quarterChart(answer)]);
    $('table-ended').replaceChildren(renderTable(answer.tables[0]));
  },
  outcomes: (answer) => {
    draw('chart-outcomes', [outcomeChart(answer)]);
    $('table-outcomes').replaceChildren(renderTable(answer.tables[0]));
  },
  needs: (answer) => {
    $('needs-day').textContent =
      `Stichtag ${answer.parameters.on}: Personen mit offenem Bedarf einer Maßnahmenart und die Plätze, die ihrem Status offenstehen.`;
    draw('chart-needs', [needsChart(answer)]);
    const people = tableOf(answer, 'people_with_open_need');
    const series = [...NEEDS_SERIES, ['places', 'places'], ['gap', 'gap']].map(([key, name]) => [key, tableOf(answer, name)]);
    const node = document.createElement('table');
    node.dataset.table = 'needs_offers';
    node.append(headRow([dimensionLabel('residenceStatus'), ...series.map(([key]) => LABELS.series[key])]));
    // One row per residence status: the status columns' totals over all kinds.
    people.columnTotals.forEach((cell, i) =>
      node.append(
        row(
          label('residenceStatus', cell.keys.residenceStatus),
          series.map(([, table]) => valueCell(table.columnTotals[i])),
        ),
      ),
    );
    const totals = row(
      'Gesamt',
      series.map(([, table]) => valueCell(table.total, 'total')),
    );
    totals.className = 'total';
    node.append(totals);
    $('table-needs').replaceChildren(node, renderTable(people, 'Personen mit offenem Bedarf nach Art und Aufenthaltsstatus'));
  },
  careers: (answer) => {
    const byPathways = tableOf(answer, 'persons_by_pathways');
    const byJurisdictions = tableOf(answer, 'persons_by_jurisdictions');
    const atRisk = tableOf(answer, 'persons_with_3_unsuccessful_of_one_kind');
    $('careers-at-risk').textContent = `Personen mit drei oder mehr erfolglosen Maßnahmen einer Art: ${formatCell(atRisk.total)}`;
    draw('chart-careers', [
      smallBars(byPathways, 'pathways', 'Personen nach Zahl ihrer Maßnahmen'),
      smallBars(byJurisdictions, 'jurisdictions', 'Personen nach Zahl der Kostenträger'),
    ]);
    $('table-careers').replaceChildren(
      renderTable(byPathways, 'Personen nach Zahl ihrer Maßnahmen (im Zeitraum begonnen)'),
      renderTable(byJurisdictions, 'Personen nach Zahl der beteiligten Kostenträger'),
      renderTable(tableOf(answer, 'guard_refusals'), 'Ablehnungen der Maßnahmenprüfung nach Regel und Quartal'),
    );
  },
};

const ruleText = (rule) =>
  `Zahlen von 1 bis ${rule.minCell - 1} sowie Werte, aus denen sich eine solche Zahl zurückrechnen ließe; ` +
  `Quoten und Mediane erst ab ${rule.minDenominator} Fällen`;

const fillMunicipalities = async ({ from, to }) => {
  if (state.municipalitiesKnown) return;
  const answer = await fetchStatistics({ type: 'pathways', parameters: { measure: 'started', groupBy: ['municipality'], from, to } });
  const select = $('filter-municipality');
  const names = answer.tables[0].cells.map((c) => c.keys.municipality);
  for (const name of names) {
    const option = element('option', label('municipality', name));
    option.value = name;
    select.append(option);
  }
  // A coordinator's statistics are her municipality's only: the API answers no other.
  if (names.length === 1) select.value = names[0];
  state.municipalitiesKnown = true;
};

const load = async () => {
  document.body.dataset.state = 'loading';
  showMessage('Lade Statistik …', 'info');
  try {
    const current = filters();
    state.queries = queriesFor(current);
    const [answers] = await Promise.all([
      Promise.all(Object.entries(state.queries).map(async ([section, query]) => [section, await fetchStatistics(query)])),
      fillMunicipalities(current),
    ]);
    state.answers = Object.fromEntries(answers);
    for (const [section, answer] of answers) render[section](answer);
    const first = answers[0][1];
    $('stand').textContent =
      `Stand: Position ${first.position.toLocaleString('de-DE')} im Ereignisprotokoll · Zeitraum ${current.from} bis ${current.to}`;
    $('rule-text').textContent = ruleText(first.rule);
    $('statistics').hidden = false;
    showMessage('');
    document.body.dataset.state = 'ready';
    performance.mark('lotse-statistics-rendered');
  } catch (error) {
    $('statistics').hidden = true;
    showMessage(explain(error));
    document.body.dataset.state = 'error';
    if (error instanceof ApiError && error.status === 401) signOut(false);
  }
};

// ---- reports ------------------------------------------------------------------------------

const saveReport = async (section) => {
  const answer = state.answers[section];
  if (!answer) return;
  try {
    const stored = await (
      await api('/reports', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ type: state.queries[section].type, parameters: answer.parameters }),
      })
    ).json();
    const excel = $('filter-excel').checked ? '&delimiter=semicolon&decimal=comma' : '';
    const csv = await (await api(`/reports/${stored.id}?format=csv${excel}`, { headers: { Accept: 'text/csv' } })).blob();
    const link = element('a');
    link.href = URL.createObjectURL(csv);
    link.download = `lotse-bericht-${section}-${stored.id}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    showMessage(
      `Bericht ${stored.id} gespeichert (Position ${stored.position ?? answer.position}); die CSV-Datei wird heruntergeladen.`,
      'info',
    );
  } catch (error) {
    showMessage(explain(error));
  }
};

// ---- signing in ---------------------------------------------------------------------------

const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const redirectUri = () => `${location.origin}/statistics`;
const discovery = async () => {
  const response = await fetch(`${login.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`der Anmeldedienst antwortet nicht (HTTP ${response.status})`);
  return response.json();
};

const startOidcLogin = async () => {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state: nonce }));
  const url = new URL((await discovery()).authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: login.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: nonce,
  }).toString();
  location.assign(url.toString());
};

const finishOidcLogin = async (params) => {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname);
  if (params.get('error')) throw new Error(`Anmeldung abgelehnt: ${params.get('error_description') || params.get('error')}`);
  if (!saved || saved.state !== params.get('state')) throw new Error('die Anmeldung gehört nicht zu dieser Sitzung; bitte erneut anmelden');
  const response = await fetch((await discovery()).token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: login.clientId,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`der Anmeldedienst gab keinen Token (HTTP ${response.status})`);
  return (await response.json()).access_token;
};

const signedIn = (token) => {
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('login').hidden = true;
  $('filters').hidden = false;
  return load();
};

const signOut = (clearMessage = true) => {
  state.token = null;
  state.municipalitiesKnown = false;
  sessionStorage.removeItem(TOKEN_KEY);
  $('filter-municipality').replaceChildren($('filter-municipality').options[0]);
  $('filters').hidden = true;
  $('statistics').hidden = true;
  $('login').hidden = false;
  $(login.login === 'oidc' ? 'login-oidc' : 'login-development').hidden = false;
  if (clearMessage) showMessage('');
};

// ---- start --------------------------------------------------------------------------------

const start = async () => {
  const period = defaultPeriod();
  $('filter-from').value = period.from;
  $('filter-to').value = period.to;
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  $('logout-button').addEventListener('click', () => signOut());
  $('token-button').addEventListener('click', () => {
    const token = $('token-input')
      .value.trim()
      .replace(/^Bearer\s+/i, '');
    if (token) void signedIn(token);
  });
  $('oidc-button').addEventListener('click', () =>
    startOidcLogin().catch((error) => showMessage(`Anmeldung nicht möglich: ${error.message}`)),
  );
  for (const button of document.querySelectorAll('.report-button')) {
    button.addEventListener('click', () => void saveReport(button.dataset.section));
  }
  const params = new URLSearchParams(location.search);
  if (login.login === 'oidc' && (params.has('code') || params.has('error'))) {
    try {
      return await signedIn(await finishOidcLogin(params));
    } catch (error) {
      signOut();
      return showMessage(`Anmeldung nicht möglich: ${error.message}`);
    }
  }
  if (state.token) return signedIn(state.token);
  signOut();
};

void start();
