import { INestApplication } from '@nestjs/common';
import { EVENT_STORE, EventMetadata, EventStore } from '@lotse/event-store';
import { randomUUID } from 'node:crypto';
import request, { Response, Test } from 'supertest';

/**
 * Given / when / then for the HTTP API, on the real application and its real store: the facts
 * are appended to the store directly (no request of another route sets the scene), the request
 * runs through everything a client's would, and the outcome is the answer plus the events the
 * request appended, read back from the store.
 *
 *   await given(pathwayOpened)
 *     .when((http) => http.post(`/pathways/${id}/transfer`).set('Authorization', coach).send({ toCoachId: 'coach-2' }))
 *     .then(expectResponse(200, { body: { id, version: 1 } }), expectNewEvents(pathwayStreamId(id), [{ type: 'PathwayTransferred', … }]));
 */
export const apiSpecification = (app: () => INestApplication) => {
  const given = (...streams: ExistingStream[]) => ({
    when: (send: (http: Http) => Test) => ({
      then: async (...checks: Check[]): Promise<Response> => {
        const instance = app();
        const store = instance.get<EventStore>(EVENT_STORE);
        for (const stream of streams) await append(store, stream);
        const observed = [...new Set(checks.flatMap((check) => check.streams ?? []))];
        const versionsBefore = new Map(await Promise.all(observed.map(async (id) => [id, await versionOf(store, id)] as const)));
        const response = await send(request(instance.getHttpServer()));
        for (const check of checks) await check.verify({ response, store, versionsBefore });
        return response;
      },
    }),
  });
  return { given };
};

type Http = ReturnType<typeof request>;

/** What `then` hands each check: the answer, the store, and each observed stream's version before the request. */
export interface Outcome {
  response: Response;
  store: EventStore;
  versionsBefore: ReadonlyMap<string, number>;
}

export interface Check {
  /** The streams whose version must be read before the request. */
  streams?: readonly string[];
  verify(outcome: Outcome): void | Promise<void>;
}

export interface GivenEvent {
  type: string;
  data: object;
  /** Merged over a neutral envelope; set `municipality` or `actor` where the scene depends on them. */
  metadata?: Partial<EventMetadata>;
}

export interface ExistingStream {
  streamId: string;
  events: readonly GivenEvent[];
}

/**
 * A stream that exists before the request. Typed by the domain's event union where the caller
 * names it (`existingStream<PathwayEvent>(…)`), so a scene cannot hold an event the code could not write.
 */
export const existingStream = <Event extends GivenEvent>(streamId: string, events: readonly Event[]): ExistingStream => ({
  streamId,
  events,
});

/** The answer's status, and the parts of its body and headers named (`expect.any(…)` and the like work inside). */
export const expectResponse = (status: number, expected: { body?: object; headers?: Record<string, string | RegExp> } = {}): Check => ({
  verify: ({ response }) => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: expected.body ?? {} });
    for (const [name, value] of Object.entries(expected.headers ?? {})) {
      if (value instanceof RegExp) expect(response.headers[name.toLowerCase()]).toMatch(value);
      else expect(response.headers[name.toLowerCase()]).toBe(value);
    }
  },
});

/** A refusal: application/problem+json with this status and `code`. */
export const expectProblem = (status: number, code: string, members: object = {}): Check => ({
  verify: ({ response }) => {
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status, code, ...members } });
  },
});

/**
 * Exactly these events were appended to `streamId` by the request, in this order: the stream is
 * read from the version it had before. Each event is matched on what it names (type, data, metadata).
 */
export const expectNewEvents = (streamId: string, expected: readonly GivenEvent[]): Check => ({
  streams: [streamId],
  verify: async ({ store, versionsBefore }) => {
    const appended = await store.readStream(streamId, { fromVersion: (versionsBefore.get(streamId) ?? -1) + 1 });
    expect(appended.map(({ type, data, metadata }) => ({ type, data, metadata }))).toMatchObject(expected);
  },
});

/** The request appended nothing to these streams: a refused request changes nothing. */
export const expectNoNewEvents = (...streamIds: string[]): Check => ({
  streams: streamIds,
  verify: async ({ store, versionsBefore }) => {
    for (const streamId of streamIds)
      expect({ streamId, version: await versionOf(store, streamId) }).toEqual({ streamId, version: versionsBefore.get(streamId) });
  },
});

const versionOf = async (store: EventStore, streamId: string): Promise<number> =>
  (await store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0]?.streamVersion ?? -1;

const GIVEN_ENVELOPE: Omit<EventMetadata, 'occurredAt'> = {
  actor: 'given',
  role: 'admin',
  municipality: 'given',
  correlationId: 'given',
  causationId: null,
};

const append = async (store: EventStore, { streamId, events }: ExistingStream): Promise<void> => {
  const occurredAt = new Date().toISOString();
  // `no_stream`: a scene is built on fresh ids, so a test can never lean on another test's leftovers.
  await store.append(
    streamId,
    events.map(({ type, data, metadata }) => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data: data as Record<string, unknown>,
      metadata: { ...GIVEN_ENVELOPE, occurredAt, ...metadata },
    })),
    { expectedVersion: 'no_stream' },
  );
};
