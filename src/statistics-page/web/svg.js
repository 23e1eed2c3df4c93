// SVG elements for the page's charts.
const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes (presentation attributes only: the page's policy allows no inline style). */
export const svg = (tag, attributes = {}, children = []) => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
};

export const text = (x, y, content, attributes = {}) => svg('text', { x, y, ...attributes }, [String(content)]);
