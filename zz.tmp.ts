import { PGlite } from '@electric-sql/pglite';
import { PgliteDriver } from './libs/event-store/src';
import { SqlAccessLogStore } from './src/audit-trail/access-log/sql-access-log-store';
(async () => {
  const db = new PGlite();
  const driver = new (PgliteDriver as any)(db);
  const store = new SqlAccessLogStore(driver);
  await store.init();
  console.log('init');
  try { console.log(await store.purgeBefore(new Date().toISOString())); } catch (e) { console.log('purge', e); }
  await store.append([{ at: new Date().toISOString(), sub: 's', roles: ['admin'], municipality: 'n', route: 'r', participantIds: ['p'], municipalities: ['n'], action: 'read' }]);
  console.log(await store.query({ limit: 10, offset: 0, municipality: 'n' }));
})().catch((e) => console.log('ERR', e));
