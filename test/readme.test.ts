import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLE_LIST } from '../src/config';

describe('the README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it('gives the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });

  it.each(CONFIG_VARIABLE_LIST.map((v) => [v.name, v.default]))('documents %s with its default', (name, fallback) => {
    expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\| \`${fallback.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\|`));
  });
});
