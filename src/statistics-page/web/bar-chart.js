// Bar charts as SVG, built in one pass with d3's scales: the page draws only bars (stacked or side
// by side), a value axis with its grid, a category axis and a legend. Observable Plot drew the same
// charts, but its ~250 KB of script cost more CPU to compile, evaluate and run than the rest of the
// page together (first render ~1 s on a 2-core machine); d3-scale alone is a small part of it.
// Nothing here measures text or reads layout: margins are given, so building a chart never forces
// the browser to lay out the page.
import { scaleBand, scaleLinear } from 'd3-scale';
import { svg, text } from './svg.js';

/** Where each key of `domain` sits along [start, end]: a band scale with 10 % padding inside and out, as Plot's. */
export const bandScale = (domain, start, end, padding = 0.1) => {
  const scale = scaleBand().domain(domain).range([start, end]).padding(padding);
  const keys = new Set(domain);
  return { at: (key) => scale(key), has: (key) => keys.has(key), width: scale.bandwidth(), domain };
};

/**
 * The value axis from 0 to a round number at least `max`, and its ticks: whole numbers only (the
 * charts count people and measures).
 */
const valueScale = (max, count, range) => {
  const scale = scaleLinear()
    .domain([0, Math.max(1, max)])
    .range(range)
    .nice(count);
  return { scale, ticks: scale.ticks(count).filter(Number.isInteger) };
};

/** The chart's frame: the plot area inside the margins, its value scale, the category bands (and groups inside them). */
const frame = (spec) => {
  const { width, height, margin, horizontal, categories, groups } = spec;
  const area = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const { scale: value, ticks: valueTicks } = valueScale(
    Math.max(0, ...stackedTotals(spec)),
    horizontal ? width / 80 : height / 50,
    horizontal ? [area.left, area.right] : [area.bottom, area.top],
  );
  const band = horizontal ? bandScale(categories, area.top, area.bottom) : bandScale(categories, area.left, area.right);
  const group = groups ? bandScale(groups, 0, band.width) : null;
  return { area, value, valueTicks, band, group };
};

/** The length each bar of the value axis must reach: a category's stack, or its longest bar when grouped. */
const stackedTotals = ({ bars, groups }) => {
  const totals = new Map();
  for (const bar of bars) {
    const key = groups ? `${bar.category}\u0000${bar.group}` : bar.category;
    totals.set(key, (totals.get(key) || 0) + bar.value);
  }
  return totals.values();
};

/** One <rect> per bar, stacked in the series' order within a category (or its group), with its title as tooltip. */
const barMarks = (spec, { value, band, group }) => {
  const reached = new Map();
  const order = new Map(spec.series.map((name, i) => [name, i]));
  // A figure of a category outside the axis has no place, as under Plot with its explicit domain.
  const placed = spec.bars.filter((bar) => band.has(bar.category) && (!group || group.has(bar.group)));
  const sorted = placed.sort((a, b) => order.get(a.series) - order.get(b.series));
  const rects = sorted.map((bar) => {
    const key = `${bar.category}\u0000${bar.group ?? ''}`;
    const base = reached.get(key) || 0;
    reached.set(key, base + bar.value);
    const across = band.at(bar.category) + (group ? group.at(bar.group) : 0);
    const thickness = group ? group.width : band.width;
    const [from, to] = [value(base), value(base + bar.value)];
    const box = spec.horizontal
      ? { x: from, y: across, width: to - from, height: thickness }
      : { x: across, y: to, width: thickness, height: from - to };
    const rect = svg('rect', { ...box, fill: spec.colors[order.get(bar.series)] });
    rect.append(svg('title', {}, [bar.title]));
    return rect;
  });
  return svg('g', { 'aria-label': 'bar' }, rects);
};

/** Grid lines and tick labels of the value axis, its label with Plot's arrow, and the rule at zero. */
const valueAxis = (spec, { area, value, valueTicks }) => {
  const format = (n) => n.toLocaleString('de-DE');
  if (spec.horizontal) {
    return [
      svg(
        'g',
        { 'aria-label': 'x-grid', class: 'grid' },
        valueTicks.map((t) => svg('line', { x1: value(t), x2: value(t), y1: area.top, y2: area.bottom })),
      ),
      svg(
        'g',
        { 'aria-label': 'x-axis tick label', 'text-anchor': 'middle' },
        valueTicks.map((t) => text(value(t), area.bottom + 14, format(t))),
      ),
      text(area.right, area.bottom + 30, `${spec.valueLabel} →`, { 'text-anchor': 'end', 'aria-label': 'x-axis label' }),
      svg('line', { 'aria-label': 'rule', class: 'rule', x1: area.left, x2: area.left, y1: area.top, y2: area.bottom }),
    ];
  }
  return [
    svg(
      'g',
      { 'aria-label': 'y-grid', class: 'grid' },
      valueTicks.map((t) => svg('line', { x1: area.left, x2: area.right, y1: value(t), y2: value(t) })),
    ),
    svg(
      'g',
      { 'aria-label': 'y-axis tick label', 'text-anchor': 'end' },
      valueTicks.map((t) => text(area.left - 6, value(t) + 3, format(t))),
    ),
    text(area.left - spec.margin.left + 2, area.top - 8, `↑ ${spec.valueLabel}`, { 'aria-label': 'y-axis label' }),
    svg('line', { 'aria-label': 'rule', class: 'rule', x1: area.left, x2: area.right, y1: area.bottom, y2: area.bottom }),
  ];
};

/** The categories' names beside (horizontal) or under (vertical, optionally turned) their bands. */
const categoryAxis = (spec, { area, band }) => {
  const centre = (key) => band.at(key) + band.width / 2;
  if (spec.horizontal) {
    return svg(
      'g',
      { 'aria-label': 'y-axis tick label', 'text-anchor': 'end' },
      band.domain.map((key) => text(area.left - 6, centre(key) + 3, key)),
    );
  }
  const turned = spec.tickRotate ? { 'text-anchor': 'end' } : { 'text-anchor': 'middle' };
  const labels = band.domain.map((key) => {
    const x = centre(key);
    const y = area.bottom + 14;
    return text(x, y, key, spec.tickRotate ? { transform: `rotate(${spec.tickRotate} ${x} ${y - 4})` } : {});
  });
  const axis = svg('g', { 'aria-label': 'x-axis tick label', ...turned }, labels);
  if (!spec.categoryLabel) return axis;
  return svg('g', {}, [axis, text((area.left + area.right) / 2, spec.height - 4, spec.categoryLabel, { 'text-anchor': 'middle' })]);
};

/** The series' colours and names above the chart, as Plot's swatch legend showed them. */
const legend = (spec) => {
  const node = document.createElement('div');
  node.className = 'swatches';
  node.append(
    ...spec.series.map((name, i) => {
      const swatch = document.createElement('span');
      swatch.append(
        svg('svg', { width: 15, height: 15, 'aria-hidden': 'true' }, [svg('rect', { width: 15, height: 15, fill: spec.colors[i] })]),
        name,
      );
      return swatch;
    }),
  );
  return node;
};

/**
 * A bar chart: `bars` are { category, series, value, title } (and `group` when `groups` splits each
 * category's band into bars side by side); `horizontal` bars grow to the right, else upwards.
 * A figure with the legend and the caption when the chart has them, else the bare <svg>.
 */
export const barChart = (spec) => {
  const scales = frame(spec);
  const chart = svg('svg', { class: 'bar-chart', width: spec.width, height: spec.height, viewBox: `0 0 ${spec.width} ${spec.height}` }, [
    ...valueAxis(spec, scales),
    categoryAxis(spec, scales),
    barMarks(spec, scales),
  ]);
  if (!spec.legend && !spec.caption) return chart;
  const figure = document.createElement('figure');
  if (spec.legend) figure.append(legend(spec));
  figure.append(chart);
  if (spec.caption) {
    const caption = document.createElement('figcaption');
    caption.textContent = spec.caption;
    figure.append(caption);
  }
  return figure;
};
