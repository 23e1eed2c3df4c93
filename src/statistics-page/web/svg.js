// SVG elements for the page's charts, and the round numbers their value axes are marked with.
const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes (presentation attributes only: the page's policy allows no inline style). */
export const svg = (tag, attributes = {}, children = []) => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
};

export const text = (x, y, content, attributes = {}) => svg('text', { x, y, ...attributes }, [String(content)]);

/**
 * About `count` ticks from 0 to at least `max`, d3's way: steps of 1, 2 or 5 times a power of ten,
 * never below 1 (the charts count people and measures, whole numbers).
 */
export const ticks = (max, count) => {
  if (!(max > 0)) return [0, 1];
  const raw = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const step = Math.max(1, power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1));
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
};
