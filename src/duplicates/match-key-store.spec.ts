import { onEverySideStore } from '../database/testing/every-side-store';
import { matchKeyStoreContract } from './testing/match-key-store.contract';

onEverySideStore('the matching-key store', matchKeyStoreContract);
