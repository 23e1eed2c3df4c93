import { StoredEvent } from './event-store';

/** Turns the data of one event type from `fromSchemaVersion` into `fromSchemaVersion + 1`. */
export interface Upcaster {
  type: string;
  fromSchemaVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Old events are never rewritten (the hash chain would break and the auditor could no longer
 * prove the log); they are lifted to the current schema each time they are read.
 */
export class UpcasterChain {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) {
      const key = `${u.type}@${u.fromSchemaVersion}`;
      if (this.byKey.has(key)) throw new Error(`two upcasters for ${key}`);
      this.byKey.set(key, u);
    }
  }

  apply<E extends StoredEvent>(event: E): E {
    if (this.byKey.size === 0) return event;
    let { data, schemaVersion } = event;
    for (let u = this.byKey.get(`${event.type}@${schemaVersion}`); u; u = this.byKey.get(`${event.type}@${schemaVersion}`)) {
      data = u.upcast(data);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }
}
