import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, pathwayStreamId } from '@lotse/domain';
import { replayDocuments } from '@lotse/projections';
import { CommandRunner } from '../../event-sourcing';
import { AuthenticatedUser, assertSameMunicipality, seesPersonalData } from '../../auth';
import { ERASED, PersonalDataVault } from '../../personal-data';
import { ReadModels } from '../../read-models';
import { PathwayDocument, pathwaysProjection } from '../caseload/pathways.projection';
import { byOccurrence, CaseStepDocument, caseStepsProjection } from './case-steps.projection';
import { PathwayView } from './pathway.response';

export class GetPathway {
  constructor(
    readonly user: AuthenticatedUser,
    readonly pathwayId: string,
    readonly minPosition?: number,
    /** A past moment of the log (position or ISO time) to answer as of; absent for now. */
    readonly until?: number | string,
  ) {}
}

/** One pathway with its case-step timeline, from the pathways and case-steps read models. */
@QueryHandler(GetPathway)
export class GetPathwayHandler implements IQueryHandler<GetPathway, PathwayView> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly vault: PersonalDataVault,
    private readonly runner: CommandRunner,
  ) {}

  async execute({ user, pathwayId, minPosition, until }: GetPathway): Promise<PathwayView> {
    const [doc, steps] = until === undefined ? await this.current(pathwayId, minPosition) : await this.past(pathwayId, until);
    if (!doc) throw new DomainError('not_found', `no pathway ${pathwayId}`);
    assertSameMunicipality(user, doc.municipality);
    // Sealed values stay sealed in the read models; they are opened only for the roles that may read them.
    const open = async (sealed: string | null) => {
      if (!sealed || !seesPersonalData(user)) return null;
      const text = await this.vault.open<string>(doc.participantId, sealed);
      return text === ERASED ? null : text;
    };
    const {
      id,
      participantId,
      kind,
      jurisdiction,
      provider,
      municipality,
      coachId,
      status,
      plannedStart,
      plannedEnd,
      outcome,
      endedOn,
      version,
    } = doc;
    return {
      id,
      participantId,
      kind,
      jurisdiction,
      provider,
      municipality,
      coachId,
      status,
      plannedStart,
      plannedEnd,
      offerId: doc.offerId ?? null,
      ...(outcome ? { outcome } : {}),
      ...(endedOn ? { endedOn } : {}),
      goal: await open(doc.goal),
      version,
      caseSteps: await Promise.all(
        steps.sort(byOccurrence).map(async ({ pathwayId: _pathway, ...s }) => ({ ...s, note: await open(s.note) })),
      ),
    };
  }

  private async current(pathwayId: string, minPosition?: number): Promise<[PathwayDocument | undefined, CaseStepDocument[]]> {
    // Both read models wait for minPosition side by side; the steps are shown only once the tenant check passed.
    const [doc, steps] = await Promise.all([
      this.readModels.get<PathwayDocument>(pathwaysProjection.name, pathwayId, minPosition),
      this.readModels.find<CaseStepDocument>(caseStepsProjection.name, { where: { pathwayId } }, minPosition),
    ]);
    return [doc, steps.items];
  }

  /** The two read models' documents as they were then: the pathway's stream up to `until`, folded by their own projections. */
  private async past(pathwayId: string, until: number | string): Promise<[PathwayDocument | undefined, CaseStepDocument[]]> {
    const { events } = await this.runner.history(pathwayStreamId(pathwayId), until);
    const doc = replayDocuments(pathwaysProjection, events).get(pathwayId);
    return [doc, [...replayDocuments(caseStepsProjection, events).values()]];
  }
}
