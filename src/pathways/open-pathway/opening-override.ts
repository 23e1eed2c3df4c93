import { EnrolmentLedger, PathwayKind } from '@lotse/domain';

/**
 * The coordinator's override of `not_eligible` that opens an offer to a residence status it lists
 * under `openingPossible` (a case-by-case decision): one still valid today and, if scoped, for this kind.
 */
export const openingOverrideFor = (ledger: EnrolmentLedger, kind: PathwayKind, today: string): string | undefined =>
  ledger.overrides.find((o) => o.rule === 'not_eligible' && o.validUntil >= today && (o.kind === undefined || o.kind === kind))?.overrideId;
