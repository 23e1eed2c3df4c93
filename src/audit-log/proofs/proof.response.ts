import { ApiProperty } from '@nestjs/swagger';

export class InclusionProofResponse {
  @ApiProperty() eventId: string;
  @ApiProperty({ type: 'integer', description: 'global position of the event' }) position: number;
  @ApiProperty({ type: 'integer', description: 'its leaf in the tree, 0-based' }) leafIndex: number;
  @ApiProperty({ type: 'integer' }) treeSize: number;
  @ApiProperty({ description: "the event's stored chain hash (hex): the leaf's entry" }) eventHash: string;
  @ApiProperty({ description: 'SHA-256(0x00 ‖ event hash), base64' }) leafHash: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 audit path, leaf first, base64' }) proof: string[];
  @ApiProperty({ description: 'root hash of the tree of treeSize, base64' }) rootHash: string;
}

export class ConsistencyProofResponse {
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency proof, base64' }) proof: string[];
  @ApiProperty({ description: 'root of the tree of `from`, base64' }) fromRootHash: string;
  @ApiProperty({ description: 'root of the tree of `to`, base64' }) toRootHash: string;
}
