// The statistics page in the browser: signs in (a pasted development token, or the OIDC provider's
// login with PKCE), asks the statistics API with the user's token, and draws what it answers.
// Figures the disclosure control withheld arrive without a value and are shown as `*`; nothing is
// ever computed back from totals here. `npm run build:page` bundles these modules with the parts of
// d3-scale they use into the one script the page loads.
import { ApiError, api, explain, fetchStatistics, useToken } from './api.js';
import { draw, needsChart, NEEDS_SERIES, outcomeChart, quarterChart, smallBars, tableOf } from './charts.js';
import { dimensionLabel, formatCell, label } from './format.js';
import { LABELS } from './labels.js';
import { finishOidcLogin, refreshOidcLogin, startOidcLogin } from './login.js';
import { element, headRow, renderTable, row, transposed, valueCell } from './tables.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'lotse.statistics.token';
const REFRESH_KEY = 'lotse.statistics.refresh';
const LOGIN_AGAIN_KEY = 'lotse.statistics.login-again';
const login = document.body.dataset;
// `loads` counts the page's loads: an answer belongs to the view only while its load is the latest.
// `municipalities`: the list being or having been filled in, once per sign-in.
const state = { token: sessionStorage.getItem(TOKEN_KEY), answers: {}, queries: {}, loads: 0, municipalities: null };

// ---- messages -----------------------------------------------------------------------------

const showMessage = (text, kind = 'error') => {
  const box = $('message');
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
};

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
    $('table-needs').replaceChildren(node, renderTable(transposed(people), 'Personen mit offenem Bedarf nach Aufenthaltsstatus und Art'));
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

const listMunicipalities = async ({ from, to }) => {
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
};

/** Once per sign-in, even when the form is sent again before the list is there; tried again after a failure. */
const fillMunicipalities = (period) =>
  (state.municipalities ??= listMunicipalities(period).catch((error) => {
    state.municipalities = null;
    throw error;
  }));

const load = async () => {
  // The form sent again (or signing out) while answers are on their way makes this load stale: its
  // answers may arrive after the newer ones and must not draw over them, nor its failure show.
  const loadNumber = ++state.loads;
  const isLatest = () => loadNumber === state.loads;
  document.body.dataset.state = 'loading';
  showMessage('Lade Statistik …', 'info');
  try {
    const current = filters();
    state.queries = queriesFor(current);
    // Each section is drawn as soon as its answer is there, while the others are still on their
    // way: the drawing overlaps the waiting instead of all of it following the slowest answer.
    const drawn = async ([section, query]) => {
      const answer = await fetchStatistics(query);
      if (isLatest()) render[section](answer);
      return [section, answer];
    };
    const [answers] = await Promise.all([Promise.all(Object.entries(state.queries).map(drawn)), fillMunicipalities(current)]);
    if (!isLatest()) return;
    state.answers = Object.fromEntries(answers);
    const first = answers[0][1];
    $('stand').textContent =
      `Stand: Position ${first.position.toLocaleString('de-DE')} im Ereignisprotokoll · Zeitraum ${current.from} bis ${current.to}`;
    $('rule-text').textContent = ruleText(first.rule);
    $('statistics').hidden = false;
    showMessage('');
    document.body.dataset.state = 'ready';
    performance.mark('lotse-statistics-rendered');
  } catch (error) {
    if (!isLatest()) return;
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

// ---- signing in, and again when the token expires -----------------------------------------

const remember = ({ accessToken, refreshToken }) => {
  state.token = accessToken;
  sessionStorage.setItem(TOKEN_KEY, accessToken);
  if (refreshToken) sessionStorage.setItem(REFRESH_KEY, refreshToken);
  else sessionStorage.removeItem(REFRESH_KEY);
  return accessToken;
};

/**
 * A new token from the OIDC provider when the API refuses the current one (it expired): with the
 * refresh token if the provider gave one, else through the provider's login again, which brings
 * the user back to this page. At most once a minute through the login: a token the API refuses
 * for another reason must not send the browser round in circles; it ends in the message instead.
 */
const renewToken = async () => {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (refreshToken) {
    try {
      return remember(await refreshOidcLogin(refreshToken));
    } catch {
      // The refresh token expired or was revoked: the login decides.
    }
  }
  const last = Number(sessionStorage.getItem(LOGIN_AGAIN_KEY) || 0);
  if (Date.now() - last < 60_000) return null;
  sessionStorage.setItem(LOGIN_AGAIN_KEY, String(Date.now()));
  await startOidcLogin();
  // The browser is leaving for the provider: the calls waiting for this token end with the page.
  return new Promise(() => {});
};

const signedIn = (tokens) => {
  useToken(remember(tokens), login.login === 'oidc' ? renewToken : null);
  $('login').hidden = true;
  $('filters').hidden = false;
  return load();
};

const signOut = (clearMessage = true) => {
  state.token = null;
  useToken(null);
  state.loads += 1;
  state.municipalities = null;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(REFRESH_KEY);
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
    if (token) void signedIn({ accessToken: token, refreshToken: null });
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
  if (state.token) return signedIn({ accessToken: state.token, refreshToken: sessionStorage.getItem(REFRESH_KEY) });
  signOut();
};

void start();
