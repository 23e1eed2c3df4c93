import { HASH_BYTES } from './merkle';
import { NoteFormatError } from './signed-note';

/**
 * The checkpoint body of C2SP tlog-checkpoint, the form Go's transparency tools read:
 * the log's origin, the tree size in decimal, the root hash in base64, each on its own line.
 */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

export const formatCheckpoint = ({ origin, treeSize, rootHash }: Checkpoint): string =>
  `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;

export const parseCheckpoint = (text: string): Checkpoint => {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw new NoteFormatError('a checkpoint has an origin, a size and a root hash line');
  const [origin, size, root] = lines;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size)) throw new NoteFormatError('the tree size is not a decimal number');
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== root)
    throw new NoteFormatError('the root hash is not 32 bytes of base64');
  if (origin === '') throw new NoteFormatError('the origin line is empty');
  return { origin, treeSize: Number(size), rootHash };
};
