import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseStep, DomainError, PathwayEvent } from '@lotse/domain';
import { StoredEvent } from '@lotse/event-store';
import { AuthenticatedUser, assertSameMunicipality, seesPersonalData } from '../../auth';
import { AggregateStore } from '../../event-sourcing';
import { ERASED, PersonalDataVault } from '../../personal-data';
import { PathwayView } from '../dto/pathway.response';
import { pathwayStream } from '../pathway-stream';

export class GetPathway {
  constructor(readonly user: AuthenticatedUser, readonly pathwayId: string) {}
}

/** Read straight from the stream until the read models arrive; the view is a left fold of its events. */
@QueryHandler(GetPathway)
export class GetPathwayHandler implements IQueryHandler<GetPathway, PathwayView> {
  constructor(private readonly aggregates: AggregateStore, private readonly vault: PersonalDataVault) {}

  async execute({ user, pathwayId }: GetPathway): Promise<PathwayView> {
    const { events, version } = await this.aggregates.history(pathwayStream(pathwayId));
    const view = events.reduce<PathwayView | undefined>((v, e) => apply(v, e), undefined);
    if (!view) throw new DomainError('not_found', `no pathway ${pathwayId}`);
    assertSameMunicipality(user, view.municipality);
    const open = async (sealed: string | null) => {
      if (!sealed || !seesPersonalData(user)) return null;
      const text = await this.vault.open<string>(view.participantId, sealed);
      return text === ERASED ? null : text;
    };
    return { ...view, version, goal: await open(view.goal),
      caseSteps: await Promise.all(view.caseSteps.map(async (s) => ({ ...s, note: await open(s.note) }))) };
  }
}

/** Sealed values stay sealed here; `execute` opens them only for the roles that may read them. */
const apply = (view: PathwayView | undefined, stored: StoredEvent): PathwayView | undefined => {
  const event = { type: stored.type, data: stored.data } as PathwayEvent;
  if (event.type === 'PathwayOpened') {
    const d = event.data;
    return { id: d.pathwayId, participantId: d.participantId, kind: d.kind, jurisdiction: d.jurisdiction, provider: d.provider,
      municipality: d.municipality, coachId: d.coachId, status: 'active', plannedStart: d.plannedStart, plannedEnd: d.plannedEnd,
      goal: d.goal, caseSteps: [], version: stored.streamVersion };
  }
  if (!view) return view;
  switch (event.type) {
    case 'CaseStepRecorded': {
      const step: CaseStep = event.data.step;
      return { ...view, caseSteps: [...view.caseSteps, { stepId: step.stepId, kind: step.kind, occurredAt: step.occurredAt,
        durationMinutes: step.durationMinutes, note: step.note ?? null, recordedBy: step.recordedBy, version: stored.streamVersion }] };
    }
    case 'PathwayCompleted':
      return { ...view, status: 'completed', outcome: event.data.outcome, endedOn: event.data.endedOn };
    case 'PathwayAborted':
      return { ...view, status: 'aborted', outcome: event.data.outcome, endedOn: event.data.endedOn };
    case 'PathwayTransferred':
      return { ...view, coachId: event.data.toCoachId };
  }
};
