import { DomainError } from '@lotse/domain';

/** Why personal data is read, as the client states it: recorded with every read, required to unseal. */
export const PURPOSE_HEADER = 'lotse-purpose';
export const MAX_PURPOSE_LENGTH = 500;

/** The purpose as recorded: trimmed and cut to a bounded length, undefined when none was sent. */
export const purposeOf = (header: unknown): string | undefined => {
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim().slice(0, MAX_PURPOSE_LENGTH);
};

/** A purpose is required (unsealing): without one, a 400 naming the header. */
export const requiredPurpose = (header: unknown): string => {
  const purpose = purposeOf(header);
  if (purpose !== undefined) return purpose;
  const message = 'state the purpose of reading the data in the Lotse-Purpose header';
  throw new DomainError('validation_failed', message, { errors: [{ field: 'Lotse-Purpose', message }] });
};
