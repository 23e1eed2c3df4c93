import { AccessAction } from './access-entry';

/** What the interceptor hands a route's entry: the answer and the request it answered. */
export interface AnsweredRead {
  body: unknown;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

/** Whom an answer was about; `undefined` when this answer held no personal or case data after all (e.g. no names on the page). */
export interface ReadSubjects {
  participantIds: string[];
  /** The data's municipalities when the answer names them; else looked up from each participant's registration. */
  municipalities?: string[];
  action?: AccessAction;
  detail?: Record<string, unknown>;
}

type Subjects = (read: AnsweredRead) => ReadSubjects | undefined;

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const items = (body: unknown): Record<string, unknown>[] => {
  const list = Array.isArray(body) ? body : record(body).items;
  return Array.isArray(list) ? list.map(record) : [];
};
const strings = (values: unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string'))];
const nonEmpty = (subjects: ReadSubjects): ReadSubjects | undefined => (subjects.participantIds.length > 0 ? subjects : undefined);
const aboutParam: Subjects = ({ params }) => ({ participantIds: strings([params.id]) });

/**
 * Every route whose answer contains personal or case data, and whom each answer is about. The access log is kept
 * here, beside the routes, rather than in each handler: a read route added to this table is logged, and the
 * table-driven test reads every route of it and expects an entry. Audit routes are listed too: an auditor's own
 * reads are on record like everyone's.
 */
export const PERSONAL_DATA_READS: Readonly<Record<string, Subjects>> = {
  'GET /participants/:id': ({ body }) => ({
    participantIds: strings([record(body).id]),
    municipalities: strings([record(body).municipality]),
  }),
  'GET /pathways/:id': ({ body }) => ({
    participantIds: strings([record(body).participantId]),
    municipalities: strings([record(body).municipality]),
  }),
  'GET /participants/:id/career': aboutParam,
  // Only the rows that show a name: the others carry no more than the read models' case figures.
  'GET /pathways': ({ body }) =>
    nonEmpty({
      participantIds: strings(
        items(body)
          .filter((row) => row.participant != null)
          .map((row) => row.participantId),
      ),
      municipalities: strings(items(body).map((row) => row.municipality)),
    }),
  // Pairs with the clear values of both registrations (admins only).
  'GET /duplicates': ({ body }) => {
    const clear = items(body).filter((pair) => pair.clear !== undefined);
    return nonEmpty({
      participantIds: strings(clear.flatMap((pair) => [pair.participantA, pair.participantB])),
      municipalities: strings(clear.flatMap((pair) => [pair.municipalityA, pair.municipalityB])),
    });
  },
  'GET /conflicts': ({ body }) => nonEmpty({ participantIds: strings(items(body).map((row) => row.participantId)) }),
  'GET /audit/streams/:streamId/events': ({ body, params, query }) => {
    const history = record(body);
    const unsealed = history.unsealed === true;
    return {
      participantIds: strings([history.participantId]),
      municipalities: strings([history.municipality]),
      action: unsealed ? 'unseal' : 'read',
      detail: { streamId: params.streamId, ...(unsealed ? { reason: query.reason } : {}) },
    };
  },
  'GET /audit/participants/:id/decisions': aboutParam,
  'GET /audit/access': ({ query }) => ({ participantIds: strings([query.participantId]) }),
  'GET /participants/:id/access-report': aboutParam,
};
