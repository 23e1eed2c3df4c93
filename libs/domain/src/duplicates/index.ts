// Finding the same young person registered twice, so that the measure-career guard sees one history.
export {
  foldLetters,
  canonicalName,
  canonicalNameParts,
  writtenNameParts,
  makeNameNormaliser,
  GLUED_ARTICLE_SPARED,
  SPELLING_RULES,
  NAME_VARIANTS,
  ARTICLES,
} from './normalise';
export type { SpellingRule, NameNormaliser } from './normalise';
export { koelnerPhonetik, koelnerPhonetikDigits } from './koelner-phonetik';
export {
  matchingKeys,
  nameForms,
  oneDeletionNeighbours,
  typoNeighbours,
  lookupKeyTexts,
  inClear,
  TYPO_MIN_LENGTH,
  PLACEHOLDER_MONTH_DAYS,
} from './matching-keys';
export type { Registration, KeyHash, NameForms, NameKeys, BirthDateKeys, MatchingKeys } from './matching-keys';
export {
  compareMatchingKeys,
  compareRegistrations,
  compareNameKeys,
  compareBirthDateKeys,
  isPotentialDuplicate,
  DUPLICATE_THRESHOLD,
  NAME_EVIDENCE_WEIGHT,
  BIRTH_DATE_EVIDENCE_WEIGHT,
} from './match-score';
export type { MatchResult, FieldComparison, NameEvidence, BirthDateEvidence } from './match-score';
export { buildDuplicateIndex } from './duplicate-index';
export type { DuplicateIndex, DuplicateCandidate } from './duplicate-index';
