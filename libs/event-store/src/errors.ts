import { ExpectedVersion } from './event-store';

/** Thrown when a stream is not at the version the caller expected. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'version_conflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's current version, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual < 0 ? 'no_stream' : actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** Thrown when a retry reuses an eventId for a different stream or mixes stored and new events. */
export class IdempotencyViolationError extends Error {
  readonly code = 'idempotency_violation';
  constructor(
    readonly streamId: string,
    detail: string,
  ) {
    super(`stream ${streamId}: ${detail}`);
    this.name = 'IdempotencyViolationError';
  }
}

export class InvalidEventError extends Error {
  readonly code = 'invalid_event';
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidEventError';
  }
}
