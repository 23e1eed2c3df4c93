import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP_PROCESS_NODE_FLAGS } from './http-process-flags';

const root = join(__dirname, '..', '..');

describe('the V8 flags of the HTTP processes', () => {
  it('are in the image: the Dockerfile sets them in NODE_OPTIONS', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const nodeOptions = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1].split(/\s+/) ?? [];
    expect(nodeOptions).toEqual(expect.arrayContaining([...HTTP_PROCESS_NODE_FLAGS]));
  });

  it('are in `npm start`', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start.split(/\s+/)).toEqual(expect.arrayContaining([...HTTP_PROCESS_NODE_FLAGS]));
  });
});
