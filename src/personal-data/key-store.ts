/**
 * Where each participant's data key lives, wrapped by the master key. Destroying a key is the
 * GDPR Art. 17 erasure: the events keep their sealed values, which nobody can open any more.
 */
export interface KeyStore {
  init(): Promise<void>;
  /** Stores the key unless one exists; returns the key that is stored afterwards. */
  putIfAbsent(participantId: string, wrappedKey: string): Promise<string>;
  /** The wrapped key, `erased` after destruction, or undefined when there never was one. */
  get(participantId: string): Promise<string | undefined>;
  destroy(participantId: string): Promise<void>;
}
