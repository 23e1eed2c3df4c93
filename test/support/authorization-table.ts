import { Role, ROLES } from '@lotse/domain';

/**
 * Who may call which route: the one expectation the authorization matrix test checks every route
 * against, and the table printed into the README (`### Authorization`). A route the app has but
 * this table lacks fails the test, so a new route cannot ship without saying who may use it.
 *
 * `tenant` says what a coach, coordinator or auditor of another municipality gets:
 * - `resource`: the route names a resource (or a municipality) of one municipality; another
 *   municipality's user is refused 403 (an admin acts everywhere);
 * - `caller`: the route works only inside the caller's own municipality, so there is nothing of
 *   another municipality to name and nothing to refuse;
 * - `global`: not about a municipality at all (operations, admin only; or the audit log's tree as a
 *   whole: checkpoints, consistency proofs, the public key, the whole-log check and the export,
 *   which hold hashes and sealed envelopes of every municipality, for auditors too);
 * - `statistics`: like `resource`, but an analyst (the core group) reads every municipality's figures, as an admin does.
 */
export type Tenant = 'resource' | 'caller' | 'global' | 'statistics';
export type RouteAccess = { access: 'public' } | { access: 'token'; roles: readonly Role[]; tenant: Tenant };

/** Every role that works with cases: the analyst reads only statistics. */
const ALL: readonly Role[] = ROLES.filter((role) => role !== 'analyst');
/** Who reads the anonymised statistics: the coordinator of her municipality, the core group's analysts and admins of all. */
const STATISTICS: readonly Role[] = ['coordinator', 'analyst', 'admin'];
const route = (roles: readonly Role[], tenant: Tenant = 'resource'): RouteAccess => ({
  access: 'token',
  roles,
  tenant,
});

export const AUTHORIZATION_TABLE: Readonly<Record<string, RouteAccess>> = {
  'GET /health': { access: 'public' },
  'GET /metrics': { access: 'public' },
  // The statistics page and its files hold no figure: the page fetches them with the user's token.
  'GET /statistics': { access: 'public' },
  'GET /statistics/assets/:file': { access: 'public' },
  'POST /participants': route(['coach', 'admin']),
  'GET /participants/:id': route(ALL),
  'POST /participants/:id/residence-status': route(['coach', 'admin']),
  'POST /participants/:id/entitlements': route(['coach', 'admin']),
  'POST /participants/:id/entitlements/:entitlementId/end': route(['coach', 'admin']),
  'DELETE /participants/:id/personal-data': route(['admin']),
  'POST /participants/:id/needs-assessments': route(['coach', 'admin']),
  'POST /pathways': route(['coach', 'admin']),
  'GET /pathways': route(ALL),
  'GET /pathways/:id': route(ALL),
  'POST /pathways/:id/case-steps': route(['coach', 'admin']),
  'POST /pathways/:id/complete': route(['coach', 'admin']),
  'POST /pathways/:id/abort': route(['coach', 'admin']),
  'POST /pathways/:id/transfer': route(['coach', 'admin']),
  'POST /overrides': route(['coordinator', 'admin']),
  'POST /participants/:id/case-conferences': route(['coach', 'coordinator', 'admin']),
  'GET /participants/:id/career': route(ALL),
  'GET /duplicates': route(['coordinator', 'admin'], 'caller'),
  'POST /participants/:id/merge': route(['coordinator', 'admin']),
  'POST /participants/:id/not-duplicate': route(['coordinator', 'admin']),
  'POST /offers': route(['coordinator', 'admin']),
  'GET /offers': route(ALL),
  'GET /offers/:id': route(ALL),
  'POST /offers/:id/places': route(['coordinator', 'admin']),
  'POST /offers/:id/close': route(['coordinator', 'admin']),
  'GET /conflicts': route(['coordinator', 'admin']),
  'GET /statistics/pathways': route(STATISTICS, 'statistics'),
  'GET /statistics/needs-offers': route(STATISTICS, 'statistics'),
  'GET /statistics/careers': route(STATISTICS, 'statistics'),
  'GET /statistics/outputs': route(STATISTICS, 'statistics'),
  'POST /reports': route(STATISTICS, 'statistics'),
  'GET /reports': route(STATISTICS, 'caller'),
  'GET /reports/:id': route(STATISTICS, 'statistics'),
  'GET /reports/:id/reproduction': route(STATISTICS, 'statistics'),
  'GET /audit/checkpoints/latest': route(['auditor', 'admin'], 'global'),
  'GET /audit/checkpoints': route(['auditor', 'admin'], 'global'),
  'GET /audit/proofs/inclusion': route(['auditor', 'admin']),
  'GET /audit/proofs/consistency': route(['auditor', 'admin'], 'global'),
  'GET /audit/public-key': route(['auditor', 'admin'], 'global'),
  'GET /audit/verify': route(['auditor', 'admin']),
  'GET /audit/log': route(['auditor', 'admin'], 'global'),
  'GET /admin/projections': route(['admin'], 'global'),
  'POST /admin/projections/:name/rebuild': route(['admin'], 'global'),
};

export type Municipality = 'own' | 'other';

/** What one cell of the matrix must answer: refused with 401 or 403, or let past authorization. */
export type Expected = 401 | 403 | 'allowed';

export const expectedFor = (access: RouteAccess, role: Role, municipality: Municipality): Expected => {
  if (access.access === 'public') return 'allowed';
  if (!access.roles.includes(role)) return 403;
  if (municipality === 'other' && access.tenant === 'resource' && role !== 'admin') return 403;
  if (municipality === 'other' && access.tenant === 'statistics' && role !== 'admin' && role !== 'analyst') return 403;
  return 'allowed';
};

/** The bad tokens every route but a public one answers with 401. */
export const BAD_TOKENS = ['none', 'expired', 'forged', 'alg:none'] as const;
export type BadToken = (typeof BAD_TOKENS)[number];

/** One role's cell in the README: allowed everywhere, only in the own municipality, or refused. */
const cell = (access: RouteAccess, role: Role): string => {
  if (access.access === 'public') return 'public';
  const own = expectedFor(access, role, 'own');
  const other = expectedFor(access, role, 'other');
  if (own !== 'allowed') return String(own);
  // A `caller` route refuses nothing of another municipality because it never shows any.
  const ownOnly = other !== 'allowed' || (access.tenant === 'caller' && role !== 'admin' && role !== 'analyst');
  return ownOnly ? 'own municipality' : 'yes';
};

/** The table as the README prints it: a row per route, a column per role. */
export const authorizationTableMarkdown = (): string => {
  const header = ['route', ...ROLES];
  const rows = Object.entries(AUTHORIZATION_TABLE).map(([key, access]) => [`\`${key}\``, ...ROLES.map((role) => cell(access, role))]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
};
