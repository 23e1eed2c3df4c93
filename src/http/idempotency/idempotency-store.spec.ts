import { onEverySideStore } from '../../database/testing/every-side-store';
import { idempotencyStoreContract } from './testing/idempotency-store.contract';

onEverySideStore('the idempotency store', idempotencyStoreContract);
