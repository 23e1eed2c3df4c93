import { AccessToRecord } from '../access-recorder';

/** A coach's read of one person, as the specs record it; the time left to the recorder. */
export const aRead = (sub: string): AccessToRecord => ({
  sub,
  roles: ['coach'],
  municipality: 'neuss',
  route: 'GET /participants/:id',
  participantIds: [`p-${sub}`],
  municipalities: ['neuss'],
  action: 'read',
});
