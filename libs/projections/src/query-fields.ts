/**
 * Field names end up inside SQL text and MongoDB paths, so only plain identifiers pass: no
 * quotes, no dots, no `$` operators.
 */
export const field = (name: string): string => {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid read-model field ${JSON.stringify(name)}`);
  return name;
};
