import { openApiContractScenarios } from './support/openapi-contract.scenarios';

describe('the OpenAPI contract on the embedded store (pglite)', () => {
  openApiContractScenarios(() => 'pglite:memory://', { committedContract: true });
});
