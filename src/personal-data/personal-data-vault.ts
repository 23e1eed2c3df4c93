import { DomainError } from '@lotse/domain';
import { KeyStore } from './key-store';
import { newDataKey, seal, unseal } from './sealing';

/** What a reader sees of a value whose owner's key was destroyed. */
export const ERASED = Symbol('erased');

/**
 * Seals and opens personal data with each participant's own key. Keys are made on first use,
 * wrapped by the master key for storage, and bound to their participant.
 */
export class PersonalDataVault {
  constructor(private readonly keys: KeyStore, private readonly masterKey: Buffer) {}

  async seal(participantId: string, value: unknown): Promise<string> {
    const key = await this.dataKey(participantId, true);
    if (!key) throw new DomainError('personal_data_erased', `personal data of ${participantId} has been erased; nothing new can be recorded about them`);
    return seal(key, JSON.stringify(value), participantId);
  }

  async open<T>(participantId: string, sealed: string): Promise<T | typeof ERASED> {
    const key = await this.dataKey(participantId, false);
    if (!key) return ERASED;
    return JSON.parse(unseal(key, sealed, participantId)) as T;
  }

  erase(participantId: string): Promise<void> {
    return this.keys.destroy(participantId);
  }

  private async dataKey(participantId: string, create: boolean): Promise<Buffer | undefined> {
    let wrapped = await this.keys.get(participantId);
    if (wrapped === 'erased') return undefined;
    if (wrapped === undefined) {
      if (!create) return undefined;
      wrapped = await this.keys.putIfAbsent(participantId, seal(this.masterKey, newDataKey().toString('base64'), `key:${participantId}`));
    }
    return Buffer.from(unseal(this.masterKey, wrapped, `key:${participantId}`), 'base64');
  }
}
