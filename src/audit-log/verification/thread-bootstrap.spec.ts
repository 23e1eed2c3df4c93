import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { chainContent, chainHash } from '@lotse/event-store/canonical-json';
import { threadBootstrap, threadExecArgv } from './thread-bootstrap';

describe('threadExecArgv', () => {
  it('drops every preload and every per-process option, and keeps the options a thread takes', () => {
    expect(
      threadExecArgv([
        '-r',
        '@swc-node/register',
        '--max-old-space-size=512',
        '--require',
        'x',
        '--require=y',
        '--enable-source-maps',
        '--experimental-vm-modules',
        '--stack-size=2000',
      ]),
    ).toEqual(['--enable-source-maps', '--experimental-vm-modules']);
  });

  it('gives a thread options Node accepts from the flags `npm start` runs the server with', async () => {
    const start = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: { start: string } }).scripts
      .start;
    const flags = start.split(/\s+/).filter((word) => word.startsWith('-'));
    expect(flags.length).toBeGreaterThan(0);
    const worker = new Worker('require("node:worker_threads").parentPort.postMessage("up")', {
      eval: true,
      execArgv: threadExecArgv(flags),
    });
    try {
      await expect(new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))).resolves.toBe('up');
    } finally {
      await worker.terminate();
    }
  });
});

describe('threadBootstrap', () => {
  it('requires a built entry as it is', () => {
    expect(threadBootstrap('/app/dist/thread.js')).toBe('require("/app/dist/thread.js");');
  });

  it('starts a thread from a TypeScript entry that imports through the path aliases, without any preload', async () => {
    const worker = new Worker(threadBootstrap(join(__dirname, 'chain-hash-thread.ts')), { eval: true, execArgv: [] });
    try {
      const answer = new Promise<{ id: number; hashed: { chainOk: Uint8Array } }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      const event = {
        eventId: '0b8f6c1e-1111-4222-8333-944445555666',
        type: 'T',
        schemaVersion: 1,
        data: { a: 1 },
        metadata: {},
        recordedAt: '2026-01-01T00:00:00.000Z',
      };
      const twice = <T>(v: T) => [v, v];
      const links = {
        previousHash: twice(''),
        // The first carries its true hash, the second one it cannot give.
        hash: [chainHash('', chainContent('s-1', event)), '00'.repeat(32)],
        content: twice(chainContent('s-1', event)),
        streamId: twice('s-1'),
        eventId: twice(event.eventId),
        type: twice('T'),
        schemaVersion: twice(1),
        recordedAtUs: twice('2026-01-01T00:00:00.000000Z'),
      };
      worker.postMessage({ id: 7, job: { kind: 'links', links, subtree: false } });
      const { id, hashed } = await answer;
      expect(id).toBe(7);
      expect([...hashed.chainOk]).toEqual([1, 0]);
    } finally {
      await worker.terminate();
    }
  });
});
