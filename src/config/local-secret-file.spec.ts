import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrCreateLocalSecret } from './local-secret-file';

describe('a development secret in the data directory', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'lotse-secret-'));

  it('is generated once, readable by the owner only, and read back afterwards', () => {
    const path = join(dir(), 'nested', 'signing.key');
    expect(readOrCreateLocalSecret(path, () => 'first')).toEqual({ content: 'first', created: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readOrCreateLocalSecret(path, () => 'second')).toEqual({ content: 'first', created: false });
  });

  it("takes the other process's secret when it was written in between, and leaves no draft behind", () => {
    const folder = dir();
    const path = join(folder, 'master.key');
    const result = readOrCreateLocalSecret(path, () => {
      writeFileSync(path, 'the winner'); // another HTTP process of the cluster got there first
      return 'the loser';
    });
    expect(result).toEqual({ content: 'the winner', created: false });
    expect(readdirSync(folder)).toEqual(['master.key']);
  });
});
