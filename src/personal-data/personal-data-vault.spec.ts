import { PGlite } from '@electric-sql/pglite';
import { acquirePglite, PgliteDriver, releasePglite } from '@lotse/event-store';
import { randomBytes } from 'node:crypto';
import { ERASED, PersonalDataVault } from './personal-data-vault';
import { SqlKeyStore } from './sql-key-store';

describe('the personal data vault on the embedded database', () => {
  const dir = 'memory://personal-data-vault';
  let held: PGlite;
  let vault: PersonalDataVault;
  let driver: PgliteDriver;

  beforeAll(async () => {
    held = await acquirePglite(dir);
    driver = await PgliteDriver.open(dir, 'lotse');
    const keys = new SqlKeyStore(driver);
    await keys.init();
    vault = new PersonalDataVault(keys, randomBytes(32));
  });
  afterAll(async () => {
    await driver.close();
    await releasePglite(held);
  });

  it('seals per participant and opens again', async () => {
    const sealed = await vault.seal('participant-1', { givenName: 'Amira', birthDate: '2004-05-17' });
    expect(await vault.open('participant-1', sealed)).toEqual({ givenName: 'Amira', birthDate: '2004-05-17' });
    await expect(vault.open('participant-2', sealed)).resolves.toBe(ERASED);
    await vault.seal('participant-2', 'x');
    await expect(vault.open('participant-2', sealed)).rejects.toThrow('cannot be opened');
  });

  it('stores keys only wrapped, never the data', async () => {
    await vault.seal('participant-3', { familyName: 'Haddad' });
    const rows = await driver.query<Record<string, unknown>>('select * from participant_keys');
    expect(JSON.stringify(rows)).not.toContain('Haddad');
    expect(rows.every((r) => typeof r.wrapped_key === 'string' && String(r.wrapped_key).startsWith('v1.'))).toBe(true);
  });

  it('makes everything sealed for a participant unreadable once the key is erased', async () => {
    const sealed = await vault.seal('participant-4', 'note about a counselling session');
    await vault.erase('participant-4');
    await expect(vault.open('participant-4', sealed)).resolves.toBe(ERASED);
    await expect(vault.seal('participant-4', 'new')).rejects.toThrow('erased');
    const [row] = await driver.query<{ wrapped_key: string | null }>('select wrapped_key from participant_keys where participant_id = $1', [
      'participant-4',
    ]);
    expect(row.wrapped_key).toBeNull();
  });
});
