import { setFlagsFromString } from 'node:v8';

/** V8's own semi-space for the projection thread: half of what the HTTP processes take (HTTP_PROCESS_NODE_FLAGS). */
export const PROJECTION_THREAD_SEMI_SPACE_MB = 16;

/**
 * Sizes the young generation of the worker threads started after it (the projection thread). V8 flags
 * hold for the whole process and are read when an isolate is made, so the running main thread keeps
 * its heap, and forked HTTP processes take theirs from their own command line. The HTTP processes'
 * `--max-semi-space-size=32` (for the garbage each request leaves) gave the thread a 64 MB young
 * generation it did not need: the primary's peak RSS while the thread caught up on 40,000 events was
 * 308–321 MB with it and 287 MB with 16 MB (8 MB: 281 MB, the rest promoted to the old space), at the
 * same CPU. A resource limit on the Worker cannot do it: the command-line flag overrides it.
 */
export const sizeProjectionThreadHeap = (): void => {
  setFlagsFromString(`--max-semi-space-size=${PROJECTION_THREAD_SEMI_SPACE_MB}`);
};
