import { CONFIG_VARIABLE_LIST, ConfigurationError, loadConfig, resolveProcessModel } from '.';

const problemWith = (env: Record<string, string>): ConfigurationError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error(`expected a configuration error for ${JSON.stringify(env)}`);
};

describe('loadConfig', () => {
  describe('given an empty environment', () => {
    it('uses the defaults', () => {
      expect(loadConfig({})).toEqual({
        PORT: 3000,
        DATA_DIR: './data',
        EVENT_STORE_URL: { engine: 'pglite', dir: './data/lotse', schema: 'lotse' },
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: 10_000,
        STARTUP_TIMEOUT_MS: 30_000,
        WEB_CONCURRENCY: 'auto',
        PROJECTIONS: 'auto',
        JWT_JWKS_URL: undefined,
        JWT_ISSUER: undefined,
        JWT_AUDIENCE: undefined,
        JWT_MAX_LIFETIME: 12 * 3600,
        JWT_SECRET: undefined,
        STATISTICS_PAGE_CLIENT_ID: 'lotse-web',
        CORS_ORIGINS: undefined,
        RATE_LIMIT_WINDOW_SECONDS: 60,
        RATE_LIMIT_AUTH_FAILURES: 50,
        RATE_LIMIT_WRITES: 600,
        REQUEST_TIMEOUT_MS: 30_000,
        KEEP_ALIVE_TIMEOUT_MS: 5_000,
        STATISTICS_MIN_CELL: 5,
        AUDIT_CHECKPOINT_EVENTS: 1_000,
        AUDIT_CHECKPOINT_SECONDS: 60,
        AUDIT_VERIFY_INTERVAL_SECONDS: 30,
        ACCESS_LOG_RETENTION_DAYS: 365,
      });
    });

    it('refuses a statistics page client id a URL would have to escape', () => {
      expect(() => loadConfig({ STATISTICS_PAGE_CLIENT_ID: 'lotse web' })).toThrow(/STATISTICS_PAGE_CLIENT_ID: must be a client id/);
    });

    it('treats empty values as unset', () => {
      expect(loadConfig({ PORT: '', LOG_LEVEL: '  ' })).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' });
    });
  });

  describe('given values', () => {
    it('parses them', () => {
      const config = loadConfig({
        PORT: '8080',
        DATA_DIR: '/var/lib/lotse',
        EVENT_STORE_URL: 'postgres://lotse:pw@db:5432/lotse?schema=events',
        LOG_LEVEL: 'debug',
        SHUTDOWN_TIMEOUT_MS: '0',
        STARTUP_TIMEOUT_MS: '5000',
        AUDIT_CHECKPOINT_EVENTS: '250',
        AUDIT_CHECKPOINT_SECONDS: '5',
        AUDIT_VERIFY_INTERVAL_SECONDS: '600',
      });
      expect(config).toEqual({
        PORT: 8080,
        DATA_DIR: '/var/lib/lotse',
        EVENT_STORE_URL: { engine: 'postgres', connectionString: 'postgres://lotse:pw@db:5432/lotse', schema: 'events' },
        LOG_LEVEL: 'debug',
        SHUTDOWN_TIMEOUT_MS: 0,
        JWT_MAX_LIFETIME: 12 * 3600,
        STATISTICS_PAGE_CLIENT_ID: 'lotse-web',
        RATE_LIMIT_WINDOW_SECONDS: 60,
        RATE_LIMIT_AUTH_FAILURES: 50,
        RATE_LIMIT_WRITES: 600,
        REQUEST_TIMEOUT_MS: 30_000,
        KEEP_ALIVE_TIMEOUT_MS: 5_000,
        STARTUP_TIMEOUT_MS: 5_000,
        STATISTICS_MIN_CELL: 5,
        ACCESS_LOG_RETENTION_DAYS: 365,
        WEB_CONCURRENCY: 'auto',
        PROJECTIONS: 'auto',
        AUDIT_CHECKPOINT_EVENTS: 250,
        AUDIT_CHECKPOINT_SECONDS: 5,
        AUDIT_VERIFY_INTERVAL_SECONDS: 600,
      });
    });

    it("takes the statistics' minimum cell size from 3 to 20 only", () => {
      expect(loadConfig({ STATISTICS_MIN_CELL: '10' }).STATISTICS_MIN_CELL).toBe(10);
      for (const k of ['2', '21', 'five']) expect(() => loadConfig({ STATISTICS_MIN_CELL: k })).toThrow(/STATISTICS_MIN_CELL/);
    });

    it('reads the hardening settings', () => {
      expect(
        loadConfig({
          JWT_MAX_LIFETIME: '30m',
          CORS_ORIGINS: 'https://app.example.org, http://localhost:5173/',
          RATE_LIMIT_WRITES: '0',
          REQUEST_TIMEOUT_MS: '1500',
        }),
      ).toMatchObject({
        JWT_MAX_LIFETIME: 1800,
        CORS_ORIGINS: ['https://app.example.org', 'http://localhost:5173'],
        RATE_LIMIT_WRITES: 0,
        REQUEST_TIMEOUT_MS: 1500,
      });
      expect(loadConfig({ JWT_MAX_LIFETIME: '3600' }).JWT_MAX_LIFETIME).toBe(3600);
      expect(loadConfig({ JWT_MAX_LIFETIME: '1d' }).JWT_MAX_LIFETIME).toBe(86_400);
    });

    it('derives the default embedded store from DATA_DIR', () => {
      expect(loadConfig({ DATA_DIR: '/srv/lotse' }).EVENT_STORE_URL).toEqual({
        engine: 'pglite',
        dir: '/srv/lotse/lotse',
        schema: 'lotse',
      });
    });

    it('accepts the in-memory embedded store and KurrentDB', () => {
      expect(loadConfig({ EVENT_STORE_URL: 'pglite:memory://' }).EVENT_STORE_URL).toMatchObject({
        engine: 'pglite',
        dir: expect.stringMatching(/^memory:\/\/.+/),
      });
      expect(loadConfig({ EVENT_STORE_URL: 'kurrentdb://db:2113?tls=false' }).EVENT_STORE_URL).toMatchObject({ engine: 'kurrentdb' });
    });

    it('keeps the read models beside the events unless READ_MODEL_URL names another store', () => {
      expect(loadConfig({}).READ_MODEL_URL).toBeUndefined();
      expect(loadConfig({ READ_MODEL_URL: 'mongodb://mongo:27017/lotse' }).READ_MODEL_URL).toEqual({
        engine: 'mongodb',
        url: 'mongodb://mongo:27017/lotse',
      });
      expect(loadConfig({ READ_MODEL_URL: 'postgres://db/lotse?schema=views' }).READ_MODEL_URL).toEqual({
        engine: 'postgres',
        connectionString: 'postgres://db/lotse',
        schema: 'views',
      });
      expect(loadConfig({ READ_MODEL_URL: 'pglite:/srv/views' }).READ_MODEL_URL).toEqual({
        engine: 'pglite',
        dir: '/srv/views',
        schema: 'lotse',
      });
    });

    it('reads the token settings', () => {
      expect(
        loadConfig({
          JWT_JWKS_URL: 'https://id.example.org/realms/lotse/protocol/openid-connect/certs',
          JWT_ISSUER: 'https://id.example.org/realms/lotse',
          JWT_AUDIENCE: 'lotse-api',
          JWT_SECRET: 'x'.repeat(32),
        }),
      ).toMatchObject({
        JWT_JWKS_URL: 'https://id.example.org/realms/lotse/protocol/openid-connect/certs',
        JWT_ISSUER: 'https://id.example.org/realms/lotse',
        JWT_AUDIENCE: 'lotse-api',
        JWT_SECRET: 'x'.repeat(32),
      });
    });
  });

  describe('given a malformed value', () => {
    it.each([
      ['PORT', 'abc', 'PORT: must be an integer from 1 to 65535, got "abc"'],
      ['PORT', '0', 'PORT: must be an integer from 1 to 65535, got "0"'],
      ['PORT', '65536', 'PORT: must be an integer from 1 to 65535, got "65536"'],
      ['PORT', '80.5', 'PORT: must be an integer from 1 to 65535, got "80.5"'],
      ['PORT', '-1', 'PORT: must be an integer from 1 to 65535, got "-1"'],
      ['EVENT_STORE_URL', 'mysql://x', 'EVENT_STORE_URL: unknown scheme "mysql:"; use pglite:<dir>, postgres://… or kurrentdb://…'],
      ['EVENT_STORE_URL', 'nonsense', 'EVENT_STORE_URL: unknown scheme "nonsense"; use pglite:<dir>, postgres://… or kurrentdb://…'],
      ['EVENT_STORE_URL', 'postgres://x?schema=Bad-Name', 'EVENT_STORE_URL: schema must be a plain lower-case identifier, got "Bad-Name"'],
      [
        'READ_MODEL_URL',
        'kurrentdb://db:2113',
        'READ_MODEL_URL: KurrentDB holds events, not read models; use pglite:<dir>, postgres://… or mongodb://…',
      ],
      ['READ_MODEL_URL', 'redis://cache', 'READ_MODEL_URL: unknown scheme "redis:"; use pglite:<dir>, postgres://… or mongodb://…'],
      ['READ_MODEL_URL', 'mongodb://[bad', 'READ_MODEL_URL: not a valid MongoDB URL: mongodb://[bad'],
      ['LOG_LEVEL', 'verbose', 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
      ['SHUTDOWN_TIMEOUT_MS', '10s', 'SHUTDOWN_TIMEOUT_MS: must be an integer from 0 to 600000, got "10s"'],
      ['STARTUP_TIMEOUT_MS', '-1', 'STARTUP_TIMEOUT_MS: must be an integer from 0 to 600000, got "-1"'],
      ['JWT_JWKS_URL', 'id.example.org/certs', 'JWT_JWKS_URL: must be an http:// or https:// URL, got "id.example.org/certs"'],
      ['JWT_JWKS_URL', 'file:///etc/jwks.json', 'JWT_JWKS_URL: must be an http:// or https:// URL, got "file:///etc/jwks.json"'],
      ['JWT_SECRET', 'short-secret', 'JWT_SECRET: must be at least 32 characters long, got 12'],
      [
        'JWT_MAX_LIFETIME',
        '2 weeks',
        'JWT_MAX_LIFETIME: must be a positive span such as 12h, 30m, 7d or a number of seconds, got "2 weeks"',
      ],
      ['JWT_MAX_LIFETIME', '0h', 'JWT_MAX_LIFETIME: must be a positive span such as 12h, 30m, 7d or a number of seconds, got "0h"'],
      [
        'CORS_ORIGINS',
        'https://app.example.org/path',
        'CORS_ORIGINS: must be comma-separated origins (scheme://host[:port], no path), got "https://app.example.org/path"',
      ],
      ['CORS_ORIGINS', '*', 'CORS_ORIGINS: must be comma-separated origins such as https://app.example.org, got "*"'],
      ['RATE_LIMIT_WINDOW_SECONDS', '0', 'RATE_LIMIT_WINDOW_SECONDS: must be an integer from 1 to 86400, got "0"'],
      ['REQUEST_TIMEOUT_MS', '10', 'REQUEST_TIMEOUT_MS: must be an integer from 100 to 600000, got "10"'],
    ])('%s=%s refuses to start with a message naming the variable', (variable, value, message) => {
      const error = problemWith({ [variable]: value });
      expect(error.message).toBe(message);
      expect(error.variables).toEqual([variable]);
    });

    it('names every bad variable at once, on one line', () => {
      const error = problemWith({ PORT: 'x', LOG_LEVEL: 'loud' });
      expect(error.variables).toEqual(['PORT', 'LOG_LEVEL']);
      expect(error.message).not.toContain('\n');
    });

    it('quotes control characters instead of printing them', () => {
      expect(problemWith({ PORT: '1\n2' }).message).toBe('PORT: must be an integer from 1 to 65535, got "1\\n2"');
    });

    it('does not print a JWT_SECRET that is too short', () => {
      expect(problemWith({ JWT_SECRET: 'hunter2' }).message).not.toContain('hunter2');
    });

    it('refuses a master key that is not 32 bytes of base64, without printing it', () => {
      const problem = problemWith({ LOTSE_MASTER_KEY: 'c2hvcnQta2V5' });
      expect(problem.message).toContain('LOTSE_MASTER_KEY: must be 32 bytes');
      expect(problem.message).not.toContain('c2hvcnQta2V5');
    });

    it('refuses a signing key that is not a signed-note Ed25519 key, without printing it', () => {
      const key = 'PRIVATE+KEY+lotse.example/log+00000000+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
      const problem = problemWith({ LOTSE_SIGNING_KEY: key });
      expect(problem.message).toContain('LOTSE_SIGNING_KEY: must be an Ed25519 signer key');
      expect(problem.message).not.toContain('AYEKFALV');
      expect(
        loadConfig({ LOTSE_SIGNING_KEY: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz' })
          .LOTSE_SIGNING_KEY,
      ).toMatch(/^PRIVATE\+KEY\+PeterNeumann/);
    });

    it('does not print the password of a malformed PostgreSQL URL', () => {
      expect(problemWith({ EVENT_STORE_URL: 'postgres://lotse:hunter2@[bad' }).message).not.toContain('hunter2');
    });
  });

  it('lists every variable with a description and a default, for the README', () => {
    expect(CONFIG_VARIABLE_LIST.map((v) => v.name)).toEqual([
      'PORT',
      'DATA_DIR',
      'EVENT_STORE_URL',
      'READ_MODEL_URL',
      'LOG_LEVEL',
      'SHUTDOWN_TIMEOUT_MS',
      'STARTUP_TIMEOUT_MS',
      'WEB_CONCURRENCY',
      'PROJECTIONS',
      'JWT_JWKS_URL',
      'JWT_ISSUER',
      'JWT_AUDIENCE',
      'JWT_MAX_LIFETIME',
      'JWT_SECRET',
      'STATISTICS_PAGE_CLIENT_ID',
      'CORS_ORIGINS',
      'RATE_LIMIT_WINDOW_SECONDS',
      'RATE_LIMIT_AUTH_FAILURES',
      'RATE_LIMIT_WRITES',
      'REQUEST_TIMEOUT_MS',
      'KEEP_ALIVE_TIMEOUT_MS',
      'ELIGIBILITY_TABLE_FILE',
      'STATISTICS_MIN_CELL',
      'LOTSE_MASTER_KEY',
      'LOTSE_SIGNING_KEY',
      'AUDIT_CHECKPOINT_EVENTS',
      'AUDIT_CHECKPOINT_SECONDS',
      'AUDIT_VERIFY_INTERVAL_SECONDS',
      'ACCESS_LOG_RETENTION_DAYS',
    ]);
    for (const variable of CONFIG_VARIABLE_LIST) {
      expect(variable.description).not.toBe('');
      expect(variable.default).not.toBe('');
    }
    expect(CONFIG_VARIABLE_LIST.find((v) => v.name === 'EVENT_STORE_URL')?.default).toBe('pglite:<DATA_DIR>/lotse');
  });

  describe('the process model (WEB_CONCURRENCY, PROJECTIONS)', () => {
    const postgres = 'postgres://lotse@db:5432/lotse';

    it('runs one HTTP process per core on a server database on another machine, the projections on a worker thread', () => {
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: postgres }), 2)).toEqual({ webProcesses: 2, projections: 'worker' });
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: postgres }), 1)).toEqual({ webProcesses: 1, projections: 'inline' });
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: postgres, WEB_CONCURRENCY: '3', PROJECTIONS: 'inline' }), 2)).toEqual({
        webProcesses: 3,
        projections: 'inline',
      });
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: postgres, WEB_CONCURRENCY: '1', PROJECTIONS: 'worker' }), 2)).toEqual({
        webProcesses: 1,
        projections: 'worker',
      });
    });

    it.each([
      ['localhost', 'postgres://lotse@localhost:5432/lotse'],
      ['127.0.0.1', 'postgres://root@127.0.0.1:5432/lotse?schema=app'],
      ['another loopback address', 'postgresql://lotse@127.0.1.1/lotse'],
      ['IPv6 loopback', 'postgres://lotse@[::1]:5432/lotse'],
      ['the default Unix socket (no host)', 'postgres:///lotse'],
      ['a socket directory in host=', 'postgres://lotse@db/lotse?host=/var/run/postgresql'],
      ['a socket directory as the host', 'postgres://lotse@%2Fvar%2Frun%2Fpostgresql/lotse'],
    ])('leaves one core to PostgreSQL on this machine (%s): auto is one process per core less one, at least one', (_, url) => {
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: url }), 4)).toEqual({ webProcesses: 3, projections: 'worker' });
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: url }), 2)).toEqual({ webProcesses: 1, projections: 'inline' });
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: url }), 1)).toEqual({ webProcesses: 1, projections: 'inline' });
    });

    it('counts every database server: a local read-model store or one local host of several leaves a core too', () => {
      const remoteEvents = 'kurrentdb://k1:2113,k2:2113?tls=false';
      expect(
        resolveProcessModel(loadConfig({ EVENT_STORE_URL: remoteEvents, READ_MODEL_URL: 'mongodb://m:27017/lotse' }), 4).webProcesses,
      ).toBe(4);
      expect(
        resolveProcessModel(loadConfig({ EVENT_STORE_URL: remoteEvents, READ_MODEL_URL: 'mongodb://localhost:27017/lotse' }), 4)
          .webProcesses,
      ).toBe(3);
      expect(
        resolveProcessModel(
          loadConfig({ EVENT_STORE_URL: 'kurrentdb://k1:2113,127.0.0.1:2113?tls=false', READ_MODEL_URL: 'mongodb://m:27017/lotse' }),
          4,
        ).webProcesses,
      ).toBe(3);
      expect(
        resolveProcessModel(
          loadConfig({ EVENT_STORE_URL: 'postgres://lotse@db/lotse', READ_MODEL_URL: 'postgres://lotse@localhost/rm' }),
          4,
        ).webProcesses,
      ).toBe(3);
      // A host that merely starts like a loopback name is another machine.
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: 'postgres://lotse@localhost.example.org/lotse' }), 4).webProcesses).toBe(4);
    });

    it('takes an explicit WEB_CONCURRENCY as given, whatever machine the database runs on', () => {
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: 'postgres://lotse@localhost/lotse', WEB_CONCURRENCY: '2' }), 2)).toEqual({
        webProcesses: 2,
        projections: 'worker',
      });
    });

    it('runs one process, projections inline, on the embedded database (and beside KurrentDB without MongoDB)', () => {
      expect(resolveProcessModel(loadConfig({}), 8)).toEqual({ webProcesses: 1, projections: 'inline' });
      expect(resolveProcessModel(loadConfig({ EVENT_STORE_URL: 'kurrentdb://k:2113?tls=false' }), 8)).toEqual({
        webProcesses: 1,
        projections: 'inline',
      });
      expect(
        resolveProcessModel(loadConfig({ EVENT_STORE_URL: 'kurrentdb://k:2113?tls=false', READ_MODEL_URL: 'mongodb://m:27017/lotse' }), 8),
      ).toEqual({ webProcesses: 8, projections: 'worker' });
    });

    it.each([
      [
        { WEB_CONCURRENCY: '2' },
        'WEB_CONCURRENCY: must be 1 (or auto) here, got 2: the embedded PGlite database can be open in one process only',
      ],
      [
        { PROJECTIONS: 'worker' },
        'PROJECTIONS: must be inline (or auto) here, got worker: the embedded PGlite database can be open in one process only',
      ],
      [
        { EVENT_STORE_URL: 'postgres://lotse@db:5432/lotse', READ_MODEL_URL: 'pglite:/tmp/rm', WEB_CONCURRENCY: '4' },
        'WEB_CONCURRENCY: must be 1 (or auto) here',
      ],
      [{ PROJECTIONS: 'off' }, 'PROJECTIONS: must be inline (or auto) here, got off'],
      [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY: must be an integer from 1 to 64, got "0"'],
      [{ PROJECTIONS: 'thread' }, 'PROJECTIONS: must be one of auto, inline, worker, off, got "thread"'],
    ])('refuses %j naming the variable', (env, message) => {
      expect(problemWith(env).message).toContain(message);
    });
  });
});
