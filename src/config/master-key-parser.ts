import { decodeMasterKey } from '../personal-data/master-key';

/** Checks the shape only; the message never repeats the value, which is a secret. */
export const masterKey = (raw: string): string => {
  decodeMasterKey(raw);
  return raw;
};
