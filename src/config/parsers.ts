/**
 * Readers for raw environment values. Each returns the typed value or throws a one-line message
 * that makes sense after "<VARIABLE>: ". Messages quote the offending value, so a reader for a
 * secret must not.
 */

export const integerBetween =
  (min: number, max: number) =>
  (raw: string): number => {
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new Error(`must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };

export const oneOf =
  <const Value extends string>(values: readonly Value[]) =>
  (raw: string): Value => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new Error(`must be one of ${values.join(', ')}, got ${JSON.stringify(raw)}`);
    }
    return raw as Value;
  };

export const text = (raw: string): string => raw;

/** `auto` (the application decides from the rest of the configuration) or a value `parse` accepts. */
export const autoOr =
  <Value>(parse: (raw: string) => Value) =>
  (raw: string): Value | 'auto' =>
    raw === 'auto' ? 'auto' : parse(raw);

/**
 * The default of a variable that may stay unset. A word rather than an empty default, so that the
 * README table shows it; a real value of these variables is never this word.
 */
export const UNSET = 'unset';

export const optional =
  <Value>(parse: (raw: string) => Value) =>
  (raw: string): Value | undefined =>
    raw === UNSET ? undefined : parse(raw);

export const httpUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`must be an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`must be an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  return url.href;
};

/** For secrets: the message gives the length, never the value. */
export const secretOfAtLeast =
  (minLength: number) =>
  (raw: string): string => {
    if (raw.length < minLength) throw new Error(`must be at least ${minLength} characters long, got ${raw.length}`);
    return raw;
  };

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** A span such as `12h`, `30m`, `7d`, `90s` or a bare number of seconds, in seconds. */
export const durationInSeconds = (raw: string): number => {
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  const seconds = match ? Number(match[1]) * SECONDS_PER_UNIT[(match[2] || 's') as keyof typeof SECONDS_PER_UNIT] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new Error(`must be a positive span such as 12h, 30m, 7d or a number of seconds, got ${JSON.stringify(raw)}`);
  }
  return seconds;
};

/**
 * Comma-separated web origins (`https://app.example.org,http://localhost:5173`): scheme, host and
 * port only, as a browser sends them in `Origin`, so they are compared as they stand.
 */
export const originList = (raw: string): string[] =>
  raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new Error(`must be comma-separated origins such as https://app.example.org, got ${JSON.stringify(entry)}`);
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry.replace(/\/$/, '')) {
        throw new Error(`must be comma-separated origins (scheme://host[:port], no path), got ${JSON.stringify(entry)}`);
      }
      return url.origin;
    });

/** An OAuth client id as providers issue them: letters, digits, `.`, `_`, `-`, nothing a URL would need to escape. */
export const clientId = (raw: string): string => {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(raw))
    throw new Error(`must be a client id of letters, digits, ".", "_" or "-", got ${JSON.stringify(raw)}`);
  return raw;
};
