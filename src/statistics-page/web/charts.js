// The page's charts (bar-chart.js draws them): one bar per published figure above zero, none for a
// withheld one.
import { barChart } from './bar-chart.js';
import { LABELS } from './labels.js';
import { dimensionLabel, drawable, label } from './format.js';

/** The categorical colours the charts had under Observable Plot: its default scheme, and tableau10 for outcomes. */
const OBSERVABLE10 = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];
const TABLEAU10 = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab'];
const cycle = (scheme, count) => Array.from({ length: count }, (_, i) => scheme[i % scheme.length]);

export const countMarks = (container) => container.querySelectorAll('g[aria-label="bar"] rect').length;

export const draw = (id, charts) => {
  const container = document.getElementById(id);
  container.replaceChildren(...charts);
  container.dataset.marks = String(countMarks(container));
};

export const tableOf = (answer, name) => answer.tables.find((t) => t.name === name || t.name.endsWith(`.${name}`));

export const quarterChart = (answer) => {
  const table = answer.tables[0];
  const series = table.columns.map((k) => label('kind', k));
  return barChart({
    width: 760,
    height: 300,
    margin: { top: 20, right: 20, bottom: 44, left: 48 },
    categories: table.rowTotals.map((r) => label('quarter', r.keys.quarter)),
    tickRotate: -30,
    valueLabel: 'Maßnahmen',
    series,
    colors: cycle(OBSERVABLE10, series.length),
    legend: true,
    bars: drawable(table.cells).map((c) => {
      const [quarter, kind] = [label('quarter', c.keys.quarter), label('kind', c.keys.kind)];
      return { category: quarter, series: kind, value: c.value, title: `${kind}, ${quarter}: ${c.value}` };
    }),
  });
};

export const outcomeChart = (answer) => {
  const table = answer.tables[0];
  const series = table.columns.map((o) => label('outcome', o));
  return barChart({
    width: 760,
    height: 300,
    margin: { top: 20, right: 20, bottom: 40, left: 190 },
    horizontal: true,
    categories: table.rowTotals.map((r) => label('jurisdiction', r.keys.jurisdiction)),
    valueLabel: 'Beendete Maßnahmen',
    series,
    colors: cycle(TABLEAU10, series.length),
    legend: true,
    bars: drawable(table.cells).map((c) => {
      const [jurisdiction, outcome] = [label('jurisdiction', c.keys.jurisdiction), label('outcome', c.keys.outcome)];
      return { category: jurisdiction, series: outcome, value: c.value, title: `${jurisdiction}, ${outcome}: ${c.value}` };
    }),
  });
};

export const NEEDS_SERIES = [
  ['people', 'people_with_open_need'],
  ['free', 'free_places'],
  ['opening', 'places_opening_possible'],
];
export const needsChart = (answer) => {
  const series = NEEDS_SERIES.map(([s]) => LABELS.series[s]);
  return barChart({
    width: 760,
    height: 400,
    margin: { top: 20, right: 20, bottom: 40, left: 190 },
    horizontal: true,
    categories: tableOf(answer, 'people_with_open_need').columns.map((status) => label('residenceStatus', status)),
    // One bar per series side by side in each status's band.
    groups: series,
    valueLabel: 'Personen bzw. Plätze',
    series,
    colors: ['#d1495b', '#2e86ab', '#edae49'],
    legend: true,
    bars: NEEDS_SERIES.flatMap(([key, name]) =>
      drawable(tableOf(answer, name).columnTotals).map((c) => {
        const status = label('residenceStatus', c.keys.residenceStatus);
        const name = LABELS.series[key];
        return { category: status, group: name, series: name, value: c.value, title: `${status}, ${name}: ${c.value}` };
      }),
    ),
  });
};

export const smallBars = (table, dimension, title) =>
  barChart({
    width: 340,
    height: 240,
    margin: { top: 20, right: 20, bottom: 40, left: 44 },
    categories: table.cells.map((c) => c.keys[dimension]),
    categoryLabel: dimensionLabel(dimension),
    valueLabel: 'Personen',
    series: ['Personen'],
    colors: ['#2e86ab'],
    caption: title,
    bars: drawable(table.cells).map((c) => ({
      category: c.keys[dimension],
      series: 'Personen',
      value: c.value,
      title: `${c.keys[dimension]}: ${c.value}`,
    })),
  });
