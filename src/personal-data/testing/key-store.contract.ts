import type { SideStore } from '../../database';
import { storedRecords } from '../../database/testing/every-side-store';
import { openKeyStore } from '../open-key-store';

/** What every key store must do the same; `open` gives a fresh, empty side store. */
export const keyStoreContract = (open: () => Promise<SideStore>): void => {
  const opened = async () => {
    const side = await open();
    return { side, keys: await openKeyStore(side) };
  };

  it('initialises idempotently', async () => {
    const { side, keys } = await opened();
    await keys.init();
    await (await openKeyStore(side)).init();
    expect(await keys.get('p-1')).toBeUndefined();
  });

  it('keeps the first key put, whoever comes second', async () => {
    const { side, keys } = await opened();
    expect(await keys.putIfAbsent('p-1', 'v1.first')).toBe('v1.first');
    expect(await keys.putIfAbsent('p-1', 'v1.second')).toBe('v1.first');
    expect(await (await openKeyStore(side)).get('p-1')).toBe('v1.first');
    expect(await keys.get('p-2')).toBeUndefined();
  });

  it('hands every one of many concurrent first puts the same key', async () => {
    const { keys } = await opened();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => keys.putIfAbsent('p-1', `v1.candidate-${i}`)));
    expect(new Set(answers).size).toBe(1);
    expect(await keys.get('p-1')).toBe(answers[0]);
  });

  it('destroys a key for good: erased, no new key, and no stored copy of the wrapped key left', async () => {
    const { side, keys } = await opened();
    await keys.putIfAbsent('p-1', 'v1.wrapped-key-of-p1');
    await keys.putIfAbsent('p-2', 'v1.wrapped-key-of-p2');
    await keys.destroy('p-1');
    expect(await keys.get('p-1')).toBe('erased');
    await expect(keys.putIfAbsent('p-1', 'v1.new')).rejects.toThrow(/destroyed/);
    expect(await keys.get('p-2')).toBe('v1.wrapped-key-of-p2');
    const stored = JSON.stringify(await storedRecords(side, 'participant_keys'));
    expect(stored).not.toContain('wrapped-key-of-p1');
    expect(stored).toContain('wrapped-key-of-p2');
  });

  it('remembers the erasure of someone who never had a key, and destroys twice without complaint', async () => {
    const { keys } = await opened();
    await keys.destroy('p-1');
    await keys.destroy('p-1');
    expect(await keys.get('p-1')).toBe('erased');
    await expect(keys.putIfAbsent('p-1', 'v1.new')).rejects.toThrow(/destroyed/);
  });
};
