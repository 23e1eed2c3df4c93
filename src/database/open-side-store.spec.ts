import { parseEventStoreUrl } from '@lotse/event-store';
import { parseReadModelUrl } from '../config';
import { mongoSideStoreUrl, openSideStore } from './open-side-store';
import { closeSideStore } from './side-store';

describe('where the side stores live', () => {
  const events = (url: string) => parseEventStoreUrl(url);
  const readModels = (url?: string) => (url === undefined ? undefined : parseReadModelUrl(url));

  it("is the read models' MongoDB beside KurrentDB, so the app container keeps nothing", () => {
    expect(mongoSideStoreUrl(events('kurrentdb://kurrentdb:2113?tls=false'), readModels('mongodb://mongo:27017/lotse'))).toBe(
      'mongodb://mongo:27017/lotse',
    );
  });

  it.each([
    ['KurrentDB with read models beside the side tables', 'kurrentdb://kurrentdb:2113?tls=false', undefined],
    ['KurrentDB with read models on PostgreSQL', 'kurrentdb://kurrentdb:2113?tls=false', 'postgres://root@db:5432/lotse'],
    ['PostgreSQL even with read models on MongoDB', 'postgres://root@db:5432/lotse', 'mongodb://mongo:27017/lotse'],
    ['PGlite', 'pglite:./data/lotse', undefined],
  ])('is the SQL database beside the events for %s', (_, eventUrl, readModelUrl) => {
    expect(mongoSideStoreUrl(events(eventUrl), readModels(readModelUrl))).toBeUndefined();
  });

  it("opens the event store's own embedded database when that is PGlite", async () => {
    const side = await openSideStore({
      EVENT_STORE_URL: events('pglite:memory://side-store-selection'),
      READ_MODEL_URL: undefined,
      DATA_DIR: '/nonexistent',
    });
    try {
      expect(side.engine).toBe('sql');
      if (side.engine === 'sql') expect(await side.driver.query('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await closeSideStore(side);
    }
  });
});
