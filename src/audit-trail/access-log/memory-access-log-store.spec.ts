import { MemoryAccessLogStore } from './memory-access-log-store';
import { accessLogStoreContract } from './testing/access-log-store.contract';

describe('the access log in memory', () => {
  accessLogStoreContract(() => Promise.resolve(new MemoryAccessLogStore()));
});
