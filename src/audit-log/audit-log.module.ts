import { BeforeApplicationShutdown, Inject, Module, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE, EventStore, SqlDriver } from '@lotse/event-store';
import { generateSignerKey, parseSignerKey } from '@lotse/transparency';
import { Registry } from 'prom-client';
import { APP_CONFIG, AppConfig } from '../config';
import { SQL_DRIVER } from '../database';
import { FOLLOWS_PROJECTIONS } from '../read-models/read-models.tokens';
import { AUDIT_SIGNER, AUDIT_SQL, EXPORT_ACCESS_RECORDER, MERKLE_TREE_STORE } from './audit-log.tokens';
import { CheckpointsRoute } from './checkpoints/checkpoints.route';
import { GetCheckpointHandler } from './checkpoints/get-checkpoint.handler';
import { ExportAccessRecorderSlot } from './export/export-access-recorder';
import { ExportLogHandler } from './export/export-log.handler';
import { ExportLogRoute } from './export/export-log.route';
import { ProofsRoute } from './proofs/proofs.route';
import { ProveHandler } from './proofs/prove.handler';
import { PublicKeyRoute } from './public-key/public-key.route';
import { CheckpointSigner } from './signing/checkpoint-signer';
import { DEVELOPMENT_ORIGIN, loadSigningKey } from './signing/signing-key';
import { MerkleTreeStore } from './tree/merkle-tree-store';
import { createTreeFollower } from './tree/open-tree-follower';
import { TreeFollower } from './tree/tree-follower';
import { AccessLogCheckerSlot } from './verification/access-log-check';
import { AuditLogHealthIndicator } from './verification/audit-log.health-indicator';
import { BackgroundVerifier } from './verification/background-verifier';
import { LogVerifier } from './verification/log-verifier';
import { VerifyHandler } from './verify/verify.handler';
import { VerifyRoute } from './verify/verify.route';

/**
 * The verifiable log: a Merkle tree (RFC 9162) over every event in log order, kept beside the
 * events by a follower; signed checkpoints; inclusion and consistency proofs; verification on
 * demand and in the background; the export for the offline verifier. Knows events only as stored
 * envelopes, no context of the application.
 */
@Module({
  imports: [TerminusModule],
  controllers: [CheckpointsRoute, ProofsRoute, PublicKeyRoute, VerifyRoute, ExportLogRoute],
  providers: [
    {
      provide: AUDIT_SQL,
      inject: [APP_CONFIG, SQL_DRIVER],
      // Beside KurrentDB the SQL database holds no events, so there is nothing to build a tree from.
      useFactory: (config: AppConfig, driver: SqlDriver | undefined) =>
        config.EVENT_STORE_URL.engine === 'kurrentdb' ? undefined : driver,
    },
    {
      provide: MERKLE_TREE_STORE,
      inject: [AUDIT_SQL],
      useFactory: async (driver: SqlDriver | undefined) => {
        if (!driver) return undefined;
        const store = new MerkleTreeStore(driver);
        await store.init();
        return store;
      },
    },
    {
      provide: AUDIT_SIGNER,
      inject: [APP_CONFIG, AUDIT_SQL],
      useFactory: (config: AppConfig, driver: SqlDriver | undefined) =>
        driver || config.LOTSE_SIGNING_KEY
          ? loadSigningKey(config.LOTSE_SIGNING_KEY, config.DATA_DIR)
          : // Without a tree nothing is ever signed; a key in memory keeps the stateless shape stateless.
            parseSignerKey(generateSignerKey(DEVELOPMENT_ORIGIN)),
    },
    CheckpointSigner,
    LogVerifier,
    {
      // Only where the projections run: elsewhere the projection thread (or another instance) follows the log.
      provide: TreeFollower,
      inject: [EVENT_STORE, MERKLE_TREE_STORE, CheckpointSigner, APP_CONFIG, { token: FOLLOWS_PROJECTIONS, optional: true }],
      useFactory: (
        store: EventStore,
        tree: MerkleTreeStore | undefined,
        signer: CheckpointSigner,
        config: AppConfig,
        projectionsElsewhere?: boolean,
      ) => (projectionsElsewhere ? undefined : createTreeFollower(config, store, tree, signer)),
    },
    {
      provide: BackgroundVerifier,
      inject: [AUDIT_SQL, MERKLE_TREE_STORE, LogVerifier, Registry, APP_CONFIG],
      useFactory: (
        driver: SqlDriver | undefined,
        tree: MerkleTreeStore | undefined,
        verifier: LogVerifier,
        registry: Registry,
        config: AppConfig,
      ) => driver && tree && new BackgroundVerifier(driver, tree, verifier, registry, config.AUDIT_VERIFY_INTERVAL_SECONDS),
    },
    AuditLogHealthIndicator,
    ExportAccessRecorderSlot,
    AccessLogCheckerSlot,
    { provide: EXPORT_ACCESS_RECORDER, useExisting: ExportAccessRecorderSlot },
    GetCheckpointHandler,
    ProveHandler,
    VerifyHandler,
    ExportLogHandler,
  ],
  exports: [
    AuditLogHealthIndicator,
    TreeFollower,
    BackgroundVerifier,
    LogVerifier,
    MERKLE_TREE_STORE,
    ExportAccessRecorderSlot,
    AccessLogCheckerSlot,
  ],
})
export class AuditLogModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Optional() @Inject(TreeFollower) private readonly follower?: TreeFollower,
    @Optional() @Inject(BackgroundVerifier) private readonly background?: BackgroundVerifier,
  ) {}

  onApplicationBootstrap(): void {
    this.follower?.start();
    this.background?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.follower?.stop(), this.background?.stop()]);
  }
}
