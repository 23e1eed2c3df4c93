// The German words and numbers of the statistics page: labels of the codes, `*` for a withheld figure.
import { LABELS } from './labels.js';

export const quarterLabel = (code) => {
  const match = /^(\d{4})-Q([1-4])$/.exec(code);
  return match ? `Q${match[2]} ${match[1]}` : code;
};
export const label = (dimension, code) => {
  if (dimension === 'quarter') return quarterLabel(code);
  if (dimension === 'municipality') return code.replace(/(^|-)(\p{L})/gu, (_, dash, letter) => `${dash}${letter.toUpperCase()}`);
  return (LABELS[dimension] && LABELS[dimension][code]) || code;
};
export const dimensionLabel = (dimension) => LABELS.dimension[dimension] || dimension;
export const formatCell = (cell) => {
  if (!cell) return '';
  if (cell.suppressed) return '*';
  if (cell.value === null || cell.value === undefined) return '–';
  return cell.value.toLocaleString('de-DE');
};
/** The figures a chart may draw: published and not zero (a zero bar is no mark). */
export const drawable = (cells) => cells.filter((cell) => !cell.suppressed && typeof cell.value === 'number' && cell.value > 0);
