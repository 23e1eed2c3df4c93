import { ROLES } from '@lotse/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authenticatedUserFrom } from '../src/auth/authenticated-user';
import { isMunicipalitySlug } from '../src/auth/municipality-slug';

/**
 * The realm docker-compose imports into Keycloak must issue tokens the API accepts: the claims it
 * reads (`roles`, `municipality`), the audience and issuer the compose file configures. Keycloak
 * cannot run here, so this reads the files and catches drift between the realm, the compose file
 * and the code.
 */
interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  publicClient: boolean;
  bearerOnly?: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  protocolMappers: Mapper[];
  attributes?: Record<string, string>;
}
interface User {
  username: string;
  enabled: boolean;
  attributes: Record<string, string[]>;
  realmRoles: string[];
  credentials: { type: string; temporary: boolean }[];
}
interface Realm {
  realm: string;
  enabled: boolean;
  roles: { realm: { name: string }[] };
  clients: Client[];
  users: User[];
  components: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
}

const root = join(__dirname, '..');
const realm = JSON.parse(readFileSync(join(root, 'deploy/keycloak/lotse-realm.json'), 'utf8')) as Realm;
const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
/** `NAME: value` as written in the compose file, with `${VAR:-default}` resolved to its default. */
const composeSetting = (name: string): string => {
  const match = new RegExp(`^\\s+${name}: (.+)$`, 'm').exec(compose);
  if (!match) throw new Error(`docker-compose.yml sets no ${name}`);
  return match[1].trim().replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
};
const client = (id: string): Client => {
  const found = realm.clients.find((c) => c.clientId === id);
  if (!found) throw new Error(`the realm has no client ${id}`);
  return found;
};
const mapper = (c: Client, type: string): Mapper => {
  const found = c.protocolMappers.find((m) => m.protocolMapper === type);
  if (!found) throw new Error(`client ${c.clientId} has no ${type}`);
  return found;
};

describe('the Keycloak realm of the production shape', () => {
  const audience = composeSetting('JWT_AUDIENCE');

  it('is realm lotse with every role the API knows', () => {
    expect(realm).toMatchObject({ realm: 'lotse', enabled: true });
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...ROLES].sort());
  });

  it('has the API as a confidential audience and the web front end as a public client with PKCE', () => {
    expect(client(audience)).toMatchObject({ publicClient: false, standardFlowEnabled: false, implicitFlowEnabled: false });
    expect(client('lotse-web')).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      attributes: expect.objectContaining({ 'pkce.code.challenge.method': 'S256' }),
    });
  });

  it.each(['lotse-api', 'lotse-web'])('puts roles, municipality and the API audience into the access tokens of %s', (id) => {
    const c = client(id);
    expect(mapper(c, 'oidc-usermodel-realm-role-mapper').config).toMatchObject({
      'claim.name': 'roles',
      multivalued: 'true',
      'access.token.claim': 'true',
    });
    expect(mapper(c, 'oidc-usermodel-attribute-mapper').config).toMatchObject({
      'user.attribute': 'municipality',
      'claim.name': 'municipality',
      multivalued: 'false',
      'access.token.claim': 'true',
    });
    expect(mapper(c, 'oidc-audience-mapper').config).toMatchObject({ 'included.client.audience': audience, 'access.token.claim': 'true' });
  });

  it('has an enabled example user with a password and a municipality slug for every role', () => {
    for (const role of realm.roles.realm.map((r) => r.name)) {
      expect(realm.users.filter((u) => u.realmRoles.includes(role)).length).toBeGreaterThan(0);
    }
    for (const user of realm.users) {
      expect(user.enabled).toBe(true);
      expect(user.attributes.municipality).toHaveLength(1);
      expect(isMunicipalitySlug(user.attributes.municipality[0])).toBe(true);
      expect(user.credentials).toEqual([expect.objectContaining({ type: 'password', temporary: false })]);
    }
  });

  it("lets only an administrator set a user's municipality, since it is the tenant", () => {
    const [profile] = realm.components['org.keycloak.userprofile.UserProfileProvider'];
    const attributes = (
      JSON.parse(profile.config['kc.user.profile.config'][0]) as { attributes: { name: string; permissions: { edit: string[] } }[] }
    ).attributes;
    expect(attributes.find((a) => a.name === 'municipality')?.permissions.edit).toEqual(['admin']);
    expect(attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['username', 'email', 'firstName', 'lastName']));
  });

  it("yields, with the claims its mappers write, a user the API accepts; Keycloak's own default roles are ignored", () => {
    const [coach] = realm.users.filter((u) => u.realmRoles.includes('coach'));
    const claims = {
      sub: 'a5d1f0e2-7c1b-4a44-9f0e-0c6d2f1e3b21',
      exp: Math.floor(Date.now() / 1000) + 300,
      aud: [audience, 'account'],
      roles: ['default-roles-lotse', 'offline_access', 'uma_authorization', ...coach.realmRoles],
      municipality: coach.attributes.municipality[0],
    };
    expect(authenticatedUserFrom(claims)).toEqual({ sub: claims.sub, roles: ['coach'], municipality: claims.municipality });
  });

  it('is what docker-compose imports and points the app at, with one issuer for every client', () => {
    expect(compose).toContain('./deploy/keycloak:/opt/keycloak/data/import');
    expect(compose).toMatch(/--import-realm/);
    const hostname = composeSetting('KC_HOSTNAME');
    expect(composeSetting('JWT_ISSUER')).toBe(`${hostname}/realms/${realm.realm}`);
    expect(composeSetting('JWT_JWKS_URL')).toBe(`http://keycloak:8080/realms/${realm.realm}/protocol/openid-connect/certs`);
  });
});
