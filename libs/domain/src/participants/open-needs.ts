import { Need, PATHWAY_KINDS, PathwayKind } from '../kernel/vocabulary';

/**
 * The assessed needs a pathway could meet but none does yet: a need of one of the four pathway
 * kinds is open while the person has no active pathway of that kind, whoever funds it. Needs no
 * pathway kind meets (housing, childcare, …) are never open here: Lotse records them for the
 * referral, but has no measure of its own to close them with.
 */
export const openNeeds = (needs: readonly Need[], pathways: readonly { kind: PathwayKind; status: string }[]): PathwayKind[] => {
  const running = new Set(pathways.filter((p) => p.status === 'active').map((p) => p.kind));
  return PATHWAY_KINDS.filter((kind) => needs.includes(kind) && !running.has(kind));
};
