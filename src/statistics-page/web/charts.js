// The charts, drawn by Observable Plot (bundled with the page, only the marks it uses): one bar per
// published figure above zero, none for a withheld one.
import * as Plot from '@observablehq/plot';
import { LABELS } from './labels.js';
import { dimensionLabel, drawable, label } from './format.js';

export const countMarks = (container) => container.querySelectorAll('g[aria-label="bar"] rect').length;

export const draw = (id, plots) => {
  const container = document.getElementById(id);
  container.replaceChildren(...plots);
  container.dataset.marks = String(countMarks(container));
};

export const tableOf = (answer, name) => answer.tables.find((t) => t.name === name || t.name.endsWith(`.${name}`));

export const quarterChart = (answer) => {
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

export const outcomeChart = (answer) => {
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

export const NEEDS_SERIES = [
  ['people', 'people_with_open_need'],
  ['free', 'free_places'],
  ['opening', 'places_opening_possible'],
];
export const needsChart = (answer) => {
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

export const smallBars = (table, dimension, title) => {
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
