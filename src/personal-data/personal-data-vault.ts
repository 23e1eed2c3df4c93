import { DomainError } from '@lotse/domain';
import { BoundedCache } from '../event-sourcing/bounded-cache';
import { KeyStore } from './key-store';
import { newDataKey, seal, unseal } from './sealing';

/** What a reader sees of a value whose owner's key was destroyed. */
export const ERASED = Symbol('erased');

const KEY_CACHE_MS = 30_000;
const KEY_CACHE_SIZE = 10_000;

/**
 * Seals and opens personal data with each participant's own key. Keys are made on first use,
 * wrapped by the master key for storage, and bound to their participant.
 */
export class PersonalDataVault {
  /**
   * Unwrapped keys for a short while, so recording a note costs no key lookup. Erasure here drops
   * the entry at once; an erasure in another process is seen here within KEY_CACHE_MS at the latest.
   */
  private readonly cache = new BoundedCache<string, { key: Buffer; until: number }>(KEY_CACHE_SIZE);

  constructor(
    private readonly keys: KeyStore,
    private readonly masterKey: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  async seal(participantId: string, value: unknown): Promise<string> {
    const key = await this.dataKey(participantId, true);
    if (!key)
      throw new DomainError(
        'personal_data_erased',
        `personal data of ${participantId} has been erased; nothing new can be recorded about them`,
      );
    return seal(key, JSON.stringify(value), participantId);
  }

  async open<T>(participantId: string, sealed: string): Promise<T | typeof ERASED> {
    const key = await this.dataKey(participantId, false);
    if (!key) return ERASED;
    return JSON.parse(unseal(key, sealed, participantId)) as T;
  }

  /** Whether the participant's key was destroyed: their sealed values can never be opened again. */
  async isErased(participantId: string): Promise<boolean> {
    return (await this.keys.get(participantId)) === 'erased';
  }

  erase(participantId: string): Promise<void> {
    this.cache.delete(participantId);
    return this.keys.destroy(participantId);
  }

  private async dataKey(participantId: string, create: boolean): Promise<Buffer | undefined> {
    const cached = this.cache.get(participantId);
    if (cached && cached.until > this.now()) return cached.key;
    const key = await this.loadKey(participantId, create);
    if (key) {
      this.cache.set(participantId, { key, until: this.now() + KEY_CACHE_MS });
    } else {
      this.cache.delete(participantId);
    }
    return key;
  }

  private async loadKey(participantId: string, create: boolean): Promise<Buffer | undefined> {
    let wrapped = await this.keys.get(participantId);
    if (wrapped === 'erased') return undefined;
    if (wrapped === undefined) {
      if (!create) return undefined;
      wrapped = await this.keys.putIfAbsent(participantId, seal(this.masterKey, newDataKey().toString('base64'), `key:${participantId}`));
    }
    return Buffer.from(unseal(this.masterKey, wrapped, `key:${participantId}`), 'base64');
  }
}
