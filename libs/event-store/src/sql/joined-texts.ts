/**
 * A list of texts sent to PostgreSQL as one parameter, split there by `string_to_array`. `pg` sends a
 * JavaScript array as an array literal, quoting every element through two regular expressions
 * (backslashes, then double quotes): for an append's canonical JSON, quotes throughout, that was
 * a copy of each event built twice over, on the request thread, and PostgreSQL unquoted it again.
 * The separator is the ASCII record separator, which canonical JSON never holds unescaped (JSON
 * escapes every control character in a string) and a UUID never holds at all.
 */
const SEPARATOR = '\u001e';

/** The parameter: only for texts that cannot hold the separator (canonical JSON, UUIDs). */
export const joinTexts = (texts: readonly string[]): string => texts.join(SEPARATOR);

/** The SQL that turns parameter `$n` back into a `text[]`; an empty list stays empty. */
export const splitTexts = (parameter: string): string => `string_to_array(${parameter}, chr(30))`;
