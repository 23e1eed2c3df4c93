import { rebuildName } from '../read-model-store';
import type { RunnerWorld } from './projection-runner.contract';
import { Row, rows, storeRows } from './rows.projection';

const ROWS: Row[] = [
  { id: 'a', group: 'g1', status: 'open', due: '2026-03-02', owner: 'x', notes: ['long'] },
  { id: 'b', group: 'g1', status: 'open', due: '2026-03-01', owner: 'y', notes: [] },
  { id: 'c', group: 'g1', status: 'closed', due: '2026-03-01', owner: 'x', notes: [] },
  { id: 'd', group: 'g2', status: 'open', owner: 'x', notes: [] },
  { id: 'e', group: 'g1', status: 'open', owner: 'x', notes: [] },
  { id: 'f', group: 'g1', status: 'waiting', due: 'Z-later', owner: 'x', notes: [] },
  { id: 'g', group: 'g1', status: 'open', due: '2026-03-01', owner: 'x', notes: [] },
];

/** What every read-model store must answer the same: queries, and the swap behind a rebuild. */
export const readModelStoreContract = (open: () => Promise<RunnerWorld>): void => {
  let world: RunnerWorld;
  beforeEach(async () => {
    world = await open();
  });
  afterEach(() => world.close());

  const loaded = async () => {
    const projection = rows();
    await world.readModels.init(projection);
    const events = await storeRows(world.store, [...ROWS, { id: 'gone', group: 'g1', status: 'open' }], ['gone']);
    await world.readModels.applyBatch(projection, events, 0);
    return { projection, events };
  };
  const ids = (page: { items: Row[] }) => page.items.map((r) => r.id);

  it('filters by equal values and by any of several', async () => {
    await loaded();
    expect(ids(await world.readModels.find<Row>('rows', { where: { group: 'g1', status: 'open' } }))).toEqual(['a', 'b', 'e', 'g']);
    expect(ids(await world.readModels.find<Row>('rows', { where: { status: ['closed', 'waiting'] } }))).toEqual(['c', 'f']);
    expect(await world.readModels.find('rows', { where: { group: 'none' } })).toEqual({ items: [], total: 0 });
  });

  it('sorts byte-wise with missing values first ascending and last descending, ties by id', async () => {
    await loaded();
    const asc = await world.readModels.find<Row>('rows', { where: { group: 'g1' }, orderBy: [{ field: 'due', direction: 'asc' }] });
    expect(ids(asc)).toEqual(['e', 'b', 'c', 'g', 'a', 'f']);
    const desc = await world.readModels.find<Row>('rows', { where: { group: 'g1' }, orderBy: [{ field: 'due', direction: 'desc' }] });
    expect(ids(desc)).toEqual(['f', 'a', 'b', 'c', 'g', 'e']);
    const two = await world.readModels.find<Row>('rows', {
      orderBy: [
        { field: 'owner', direction: 'desc' },
        { field: 'status', direction: 'asc' },
      ],
    });
    expect(ids(two)).toEqual(['b', 'c', 'a', 'd', 'e', 'g', 'f']);
  });

  it('pages with a total, and leaves out omitted fields', async () => {
    await loaded();
    const query = { where: { owner: 'x' }, orderBy: [{ field: 'due', direction: 'asc' as const }], omit: ['notes'] };
    const first = await world.readModels.find<Row>('rows', { ...query, limit: 2 });
    const second = await world.readModels.find<Row>('rows', { ...query, limit: 2, offset: 2 });
    const past = await world.readModels.find<Row>('rows', { ...query, limit: 2, offset: 20 });
    expect([first.total, second.total, past.total]).toEqual([6, 6, 6]);
    expect([...ids(first), ...ids(second)]).toEqual(['d', 'e', 'c', 'g']);
    expect(past.items).toEqual([]);
    expect(second.items[1]).toEqual({ id: 'g', group: 'g1', status: 'open', due: '2026-03-01', owner: 'x' });
    expect(await world.readModels.get('rows', 'a')).toMatchObject({ notes: ['long'] });
    expect(await world.readModels.get('rows', 'gone')).toBeUndefined();
  });

  it('refuses field names that are not plain identifiers', async () => {
    await loaded();
    await expect(world.readModels.find('rows', { where: { "x' or '1'='1": 'y' } })).rejects.toThrow(/invalid read-model field/);
    await expect(world.readModels.find('rows', { orderBy: [{ field: '$where', direction: 'asc' }] })).rejects.toThrow(
      /invalid read-model field/,
    );
  });

  it('swaps a rebuilt model in only once it has caught up, and can do it again', async () => {
    const { projection, events } = await loaded();
    const live = await world.readModels.all('rows');
    for (let round = 0; round < 2; round += 1) {
      const shadow = await world.readModels.prepareRebuild(projection);
      expect(shadow.name).toBe(rebuildName('rows'));
      expect(await world.readModels.checkpoint(shadow.name)).toBe(0);
      expect((await world.readModels.all(shadow.name)).size).toBe(0);
      await world.readModels.applyBatch(shadow, events.slice(0, 3), 0);

      const liveAt = events[events.length - 1].globalPosition;
      expect(await world.readModels.swapIn(projection, events[2].globalPosition)).toBe(false);
      expect(await world.readModels.all('rows')).toEqual(live);

      await world.readModels.applyBatch(shadow, events.slice(3), events[2].globalPosition);
      expect(await world.readModels.swapIn(projection, liveAt)).toBe(true);
      expect(await world.readModels.all('rows')).toEqual(live);
      expect(await world.readModels.checkpoint('rows')).toBe(liveAt);
      expect(ids(await world.readModels.find<Row>('rows', { where: { group: 'g2' } }))).toEqual(['d']);
    }
    await expect(world.readModels.swapIn(projection, events[events.length - 1].globalPosition)).rejects.toThrow(/no rebuild/);
  });
};
