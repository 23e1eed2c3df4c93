import { formatCheckpoint, parseCheckpoint } from './checkpoint';
import { generateSignerKey, NoteFormatError, openNote, parseSignerKey, parseVerifierKey, signNote } from './signed-note';

/** The example key and note of golang.org/x/mod/sumdb/note (its documentation and note_test.go). */
const SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed notes', () => {
  it('signs the published example byte for byte and derives its verifier key', () => {
    const signer = parseSignerKey(SIGNER);
    expect(signer.verifierKey).toBe(VERIFIER);
    expect(signNote(TEXT, signer)).toBe(NOTE);
  });

  it('opens the published note with the published verifier key', () => {
    expect(openNote(NOTE, parseVerifierKey(VERIFIER))).toBe(TEXT);
  });

  it('refuses a note whose text or signature changed by one byte', () => {
    const verifier = parseVerifierKey(VERIFIER);
    expect(() => openNote(NOTE.replace('problem,', 'problem;'), verifier)).toThrow(NoteFormatError);
    expect(() => openNote(NOTE.replace('x08go', 'x08gp'), verifier)).toThrow(NoteFormatError);
  });

  it('refuses a note signed by another key of the same name', () => {
    const other = parseSignerKey(generateSignerKey('PeterNeumann'));
    expect(() => openNote(signNote(TEXT, other), parseVerifierKey(VERIFIER))).toThrow(/no signature by PeterNeumann/);
  });

  it('refuses mangled keys', () => {
    expect(() => parseVerifierKey(VERIFIER.replace('c74f20a3', 'c74f20a4'))).toThrow(NoteFormatError);
    expect(() => parseSignerKey(SIGNER.replace('PRIVATE+KEY+', ''))).toThrow(NoteFormatError);
  });

  it('writes and reads a checkpoint body', () => {
    const checkpoint = { origin: 'lotse.example/log', treeSize: 42, rootHash: Buffer.alloc(32, 7) };
    const text = formatCheckpoint(checkpoint);
    expect(text).toBe(`lotse.example/log\n42\n${Buffer.alloc(32, 7).toString('base64')}\n`);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
    expect(() => parseCheckpoint('lotse.example/log\n4x\nAAAA\n')).toThrow(NoteFormatError);
  });
});
