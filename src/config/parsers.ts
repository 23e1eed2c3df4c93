/**
 * Readers for raw environment values. Each returns the typed value or throws a one-line message
 * that makes sense after "<VARIABLE>: ". Messages quote the offending value, so a reader for a
 * secret must not.
 */

export const integerBetween = (min: number, max: number) => (raw: string): number => {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
};

export const oneOf = <const Value extends string>(values: readonly Value[]) => (raw: string): Value => {
  if (!(values as readonly string[]).includes(raw)) {
    throw new Error(`must be one of ${values.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as Value;
};

export const text = (raw: string): string => raw;
