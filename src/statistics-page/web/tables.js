// The tables under the charts: rows, columns and totals as the API answers them, `*` where a figure is withheld.
import { dimensionLabel, formatCell, label } from './format.js';

export const element = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};
export const valueCell = (cell, extraClass = '') => {
  const td = element('td', formatCell(cell), `${cell && cell.suppressed ? 'suppressed' : ''} ${extraClass}`.trim());
  if (cell && cell.suppressed) td.title = 'aus Datenschutzgründen nicht veröffentlicht';
  return td;
};
export const row = (head, cells) => {
  const tr = document.createElement('tr');
  tr.append(element('td', head, 'row-head'), ...cells);
  return tr;
};
export const headRow = (titles) => {
  const tr = document.createElement('tr');
  titles.forEach((title, i) => tr.append(element('th', title, i === 0 ? 'row-head' : '')));
  return tr;
};

/** One table of the API as rows and columns with their totals, `*` where a figure is withheld. */
export const renderTable = (table, caption) => {
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

/**
 * The same table with rows and columns swapped, for a table whose column dimension has more
 * values, and longer names, than a panel's width holds side by side.
 */
export const transposed = (table) => {
  const columns = table.columns.length;
  const rows = table.rowTotals.length;
  const [rowDimension] = table.rowDimensions;
  return {
    ...table,
    rowDimensions: [table.columnDimension],
    columnDimension: rowDimension,
    columns: table.rowTotals.map((total) => total.keys[rowDimension]),
    cells: Array.from({ length: columns * rows }, (_, k) => table.cells[(k % rows) * columns + Math.floor(k / rows)]),
    rowTotals: table.columnTotals,
    columnTotals: table.rowTotals,
  };
};
