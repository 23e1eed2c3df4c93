/**
 * A hashing thread of the full verification: recomputes the chain hashes and Merkle leaves of the
 * batches it is sent (see ChainHashPool) and answers each, tagged with its id.
 */
import { parentPort } from 'node:worker_threads';
import { ChainLinks, hashLinks } from './chain-links';

if (!parentPort) throw new Error('chain-hash-thread.ts runs as a worker thread only');
const port = parentPort;
port.on('message', ({ id, links, subtree }: { id: number; links: ChainLinks; subtree: boolean }) => {
  const hashed = hashLinks(links, subtree);
  port.postMessage({ id, hashed }, hashed.leaves ? [hashed.leaves.buffer as ArrayBuffer] : []);
});
