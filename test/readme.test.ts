import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLE_LIST } from '../src/config';
import { authorizationTableMarkdown } from './support/authorization-table';

describe('the README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it('gives the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });

  it.each(CONFIG_VARIABLE_LIST.map((v) => [v.name, v.default]))('documents %s with its default', (name, fallback) => {
    expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\| \`${fallback.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\|`));
  });

  it('prints the authorization table generated from the one the matrix test checks', () => {
    const section = readme.slice(readme.indexOf('### Authorization'), readme.indexOf('### HTTP limits and headers'));
    expect(section).toContain(`\n${authorizationTableMarkdown()}\n`);
    expect(section.match(/^\| `/gm)).toHaveLength(authorizationTableMarkdown().match(/^\| `/gm)!.length);
  });
});
