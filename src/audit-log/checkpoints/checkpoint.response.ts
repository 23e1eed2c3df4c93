import { ApiProperty } from '@nestjs/swagger';
import { StoredCheckpoint } from '../tree/merkle-tree-store';

export class CheckpointResponse {
  @ApiProperty({ description: "the log's name, the first line of the note" }) origin: string;
  @ApiProperty({ type: 'integer', description: 'events covered, from the start of the log' }) treeSize: number;
  @ApiProperty({ description: 'RFC 9162 root hash of the first treeSize events, base64' }) rootHash: string;
  @ApiProperty() signedAt: string;
  @ApiProperty({
    description:
      'the signed note: origin, tree size and root hash lines, a blank line and the Ed25519 signature line; save it to check later exports against',
  })
  note: string;
}

export const checkpointResponse = (origin: string, c: StoredCheckpoint): CheckpointResponse => ({
  origin,
  treeSize: c.treeSize,
  rootHash: c.rootHash.toString('base64'),
  signedAt: c.signedAt,
  note: c.note,
});
