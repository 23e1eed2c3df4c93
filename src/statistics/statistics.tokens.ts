/** The disclosure rule (k from STATISTICS_MIN_CELL) every statistics output is protected with. */
export const DISCLOSURE_RULE = Symbol('DISCLOSURE_RULE');
