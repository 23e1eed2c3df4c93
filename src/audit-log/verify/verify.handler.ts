import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { SqlDriver } from '@lotse/event-store';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { AUDIT_SQL, MERKLE_TREE_STORE } from '../audit-log.tokens';
import { requireTree } from '../require-tree';
import { streamMunicipality } from '../stream-municipality';
import { MerkleTreeStore } from '../tree/merkle-tree-store';
import { AccessLogCheckerSlot } from '../verification/access-log-check';
import { LogVerifier } from '../verification/log-verifier';
import { VerificationReport } from '../verification/verification-report';

/**
 * One stream belongs to the municipality its events name (see streamMunicipality); an auditor verifies only her own. The
 * whole log is one tree across municipalities, so any auditor verifies all of it: the report names
 * positions, stream ids and reasons, never data.
 */
@Injectable()
export class VerifyHandler {
  constructor(
    @Inject(MERKLE_TREE_STORE) private readonly tree: MerkleTreeStore | undefined,
    @Inject(AUDIT_SQL) private readonly driver: SqlDriver | undefined,
    private readonly verifier: LogVerifier,
    private readonly accessLog: AccessLogCheckerSlot,
  ) {}

  async execute(user: AuthenticatedUser, stream: string | undefined): Promise<VerificationReport> {
    requireTree(this.tree);
    if (stream === undefined) {
      // The whole log also checks the access log's chain: who read what is tamper-evident like the events.
      const [report, access] = await Promise.all([this.verifier.verifyLog(), this.accessLog.check()]);
      return { ...report, intact: report.intact && (access?.intact ?? true), accessLog: access ?? null };
    }
    const municipality = await streamMunicipality(this.driver!, stream);
    if (municipality === undefined) throw new DomainError('not_found', `no stream ${stream}`);
    assertSameMunicipality(user, municipality ?? '');
    return this.verifier.verifyStream(stream);
  }
}
