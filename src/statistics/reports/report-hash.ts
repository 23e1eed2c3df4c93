import { createHash } from 'node:crypto';

/** sha256 (hex) of the CSV's UTF-8 bytes: what a report is identified by. */
export const sha256Of = (csv: string): string => createHash('sha256').update(csv, 'utf8').digest('hex');
