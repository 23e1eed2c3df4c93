import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, enrolmentStreamId, participantStreamId } from '@lotse/domain';
import { replayDocuments } from '@lotse/projections';
import { CommandRunner } from '../../event-sourcing';
import { actsIn, AuthenticatedUser } from '../../auth';
import { ReadModels } from '../../read-models';
import { careerView, CareerView } from './career.view';
import { CareerDocument, careersProjection } from './careers.projection';

export class GetCareer {
  constructor(
    readonly user: AuthenticatedUser,
    readonly participantId: string,
    readonly now: Date,
    readonly minPosition?: number,
    /** A past moment of the log (position or ISO time) to answer as of; absent for now. */
    readonly until?: number | string,
  ) {}
}

@QueryHandler(GetCareer)
export class GetCareerHandler implements IQueryHandler<GetCareer, CareerView> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly runner: CommandRunner,
  ) {}

  /**
   * Coaches of every municipality where the person has a pathway may read the career: the
   * registration's own, and those of registrations merged into it: the guard's point is that
   * every body involved sees the whole history.
   */
  async execute({ user, participantId, now, minPosition, until }: GetCareer): Promise<CareerView> {
    const { career, day } = await this.career(participantId, minPosition, until);
    if (!career?.municipality) throw new DomainError('participant_not_found', `no participant ${participantId}`);
    const municipalities = new Set([career.municipality]);
    for (const merged of career.mergedFrom) {
      const { career: other } = await this.career(merged, undefined, until);
      if (other?.municipality) municipalities.add(other.municipality);
    }
    if (![...municipalities].some((municipality) => actsIn(user, municipality))) {
      throw new DomainError('forbidden', `allowed only inside municipality ${user.municipality}`);
    }
    const { municipality: _municipality, personalData: _personalData, openConflicts: _openConflicts, ...history } = career;
    // As of a past moment, overrides expire by that moment's day, not today's.
    return careerView(history, (day ?? now.toISOString()).slice(0, 10));
  }

  /**
   * The read model's document now; as of a past moment, the same projection folded over the person's registration and
   * enrolment ledger up to then (the two streams it is fed from), so the past career is computed by the live code.
   */
  private async career(
    participantId: string,
    minPosition?: number,
    until?: number | string,
  ): Promise<{ career: CareerDocument | undefined; day?: string }> {
    if (until === undefined)
      return { career: await this.readModels.get<CareerDocument>(careersProjection.name, participantId, minPosition) };
    const [registration, ledger] = await Promise.all([
      this.runner.history(participantStreamId(participantId), until),
      this.runner.history(enrolmentStreamId(participantId), until),
    ]);
    const events = [...registration.events, ...ledger.events];
    // The day of the moment: the time asked for, or at a position the last of the person's events recorded by then.
    const day =
      typeof until === 'string'
        ? new Date(until).toISOString()
        : events
            .map((e) => e.recordedAt)
            .sort()
            .at(-1);
    return { career: replayDocuments(careersProjection, events).get(participantId), day };
  }
}
