import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccessLogVerification } from './access-log-check';

/**
 * Why a check failed:
 * - `hash_mismatch`: an event's content no longer gives its stored hash, or its stored hash is no longer the one in the tree;
 * - `version_gap`: a stream skips a version (an event in the middle was removed);
 * - `missing_event`: an event the tree or the stream's head knows is gone;
 * - `reordered`: events stand in another order than the tree recorded;
 * - `root_mismatch`: the events (or the stored tree) no longer give the signed checkpoint's root, e.g.
 *   because a row was inserted where the tree has none, or a stream runs past its recorded head.
 */
export const VERIFICATION_REASONS = ['hash_mismatch', 'version_gap', 'missing_event', 'reordered', 'root_mismatch'] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

export class VerificationFailure {
  @ApiProperty({ enum: VERIFICATION_REASONS }) reason: VerificationReason;
  @ApiProperty({ nullable: true, type: 'integer', description: 'global position of the first bad event, when there is one to name' })
  position: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'its leaf in the Merkle tree' }) leafIndex?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) streamId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) streamVersion?: number | null;
  @ApiProperty({ description: 'what was found; ids and hashes only, never personal data' }) detail: string;
}

export class CheckpointSummary {
  @ApiProperty({ type: 'integer' }) treeSize: number;
  @ApiProperty({ description: 'base64' }) rootHash: string;
}

export class VerificationReport {
  @ApiProperty({ description: 'true when nothing was found (in the events and, for the whole log, in the access log)' }) intact: boolean;
  @ApiProperty({ enum: ['log', 'stream'] }) scope: 'log' | 'stream';
  @ApiPropertyOptional() streamId?: string;
  @ApiProperty({ type: 'integer', description: 'events checked' }) checkedEvents: number;
  @ApiProperty({ type: CheckpointSummary, nullable: true, description: 'the signed checkpoint the tree was checked against' })
  checkpoint: CheckpointSummary | null;
  @ApiProperty({ type: VerificationFailure, nullable: true, description: 'the first bad position in log order' })
  firstFailure: VerificationFailure | null;
  @ApiProperty({ type: [VerificationFailure], description: 'every finding, first first (at most 100)' }) failures: VerificationFailure[];
  @ApiPropertyOptional({
    type: AccessLogVerification,
    nullable: true,
    description: "the access log's own hash chain; only when the whole log is verified, null where there is no access log",
  })
  accessLog?: AccessLogVerification | null;
  @ApiProperty() verifiedAt: string;
}

export const MAX_REPORTED_FAILURES = 100;

/** First in log order: by position, findings without one last; ties keep the order they were found in. */
export const orderFailures = (failures: VerificationFailure[]): VerificationFailure[] =>
  failures
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.position ?? Infinity) - (b.f.position ?? Infinity) || a.i - b.i)
    .map(({ f }) => f)
    .slice(0, MAX_REPORTED_FAILURES);
