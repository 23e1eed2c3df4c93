/** The encodings the page's files are kept in, best first: brotli is smallest, gzip every browser reads. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number] | 'identity';

/**
 * The best encoding `Accept-Encoding` allows (RFC 9110 §12.5.3): one it names, or `*`, with a
 * weight above zero; `identity` when it names none.
 */
export const preferredEncoding = (header: string | string[] | undefined): Encoding => {
  const accepted = new Map<string, number>();
  for (const entry of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = entry.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, weight ? Number(weight[1]) : 1);
  }
  const weightOf = (encoding: string) => accepted.get(encoding) ?? accepted.get('*') ?? 0;
  return ENCODINGS.find((encoding) => weightOf(encoding) > 0) ?? 'identity';
};
