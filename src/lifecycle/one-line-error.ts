/**
 * An error as one readable line: its message, then the messages of its causes. Some Node errors
 * carry no message of their own (a refused connection to "localhost" is an AggregateError of the
 * IPv6 and IPv4 attempts), so those speak through their parts or their code.
 */
export const oneLineError = (error: unknown): string => {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(ownMessage(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return (
    parts
      .filter(Boolean)
      .join(': ')
      .replace(/\s*\n\s*/g, ' ')
      .trim() || 'unknown error'
  );
};

const ownMessage = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(ownMessage))].join(', ');
  }
  return (error as NodeJS.ErrnoException).code ?? error.name;
};
