/**
 * A hashing thread of the full verification: recomputes the chain hashes and Merkle leaves of the
 * batches it is sent (see ChainHashPool) and answers each, tagged with its id: batches read by COPY
 * as their bytes (hashCopiedRows), batches read row by row as their text (hashLinks).
 */
import { parentPort } from 'node:worker_threads';
import { transferablesOf } from './batch-leaves';
import { ChainLinks, hashLinks } from './chain-links';
import { CopiedJob, hashCopiedRows } from './copied-links';

export type HashJob = CopiedJob | { kind: 'links'; links: ChainLinks; subtree: boolean };

if (!parentPort) throw new Error('chain-hash-thread.ts runs as a worker thread only');
const port = parentPort;
port.on('message', ({ id, job }: { id: number; job: HashJob }) => {
  const hashed = job.kind === 'copied' ? hashCopiedRows(job) : hashLinks(job.links, job.subtree);
  port.postMessage({ id, hashed }, transferablesOf(hashed));
});
