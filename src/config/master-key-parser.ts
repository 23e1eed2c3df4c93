/** AES-256: the master key wraps every participant's key. */
export const MASTER_KEY_BYTES = 32;

export const decodeMasterKey = (text: string): Buffer => {
  const key = Buffer.from(text, 'base64');
  if (key.length !== MASTER_KEY_BYTES)
    throw new Error(`must be ${MASTER_KEY_BYTES} bytes in base64 (e.g. openssl rand -base64 32), got ${key.length}`);
  return key;
};

/** Checks the shape only; the message never repeats the value, which is a secret. */
export const masterKey = (raw: string): string => {
  decodeMasterKey(raw);
  return raw;
};
