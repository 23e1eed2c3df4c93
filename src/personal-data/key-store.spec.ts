import { onEverySideStore } from '../database/testing/every-side-store';
import { keyStoreContract } from './testing/key-store.contract';

onEverySideStore('the participant key store', keyStoreContract);
