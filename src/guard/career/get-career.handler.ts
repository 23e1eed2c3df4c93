import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lotse/domain';
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
  ) {}
}

@QueryHandler(GetCareer)
export class GetCareerHandler implements IQueryHandler<GetCareer, CareerView> {
  constructor(private readonly readModels: ReadModels) {}

  /**
   * Coaches of every municipality where the person has a pathway may read the career: the
   * registration's own, and those of registrations merged into it: the guard's point is that
   * every body involved sees the whole history.
   */
  async execute({ user, participantId, now, minPosition }: GetCareer): Promise<CareerView> {
    const career = await this.readModels.get<CareerDocument>(careersProjection.name, participantId, minPosition);
    if (!career?.municipality) throw new DomainError('participant_not_found', `no participant ${participantId}`);
    const municipalities = new Set([career.municipality]);
    for (const merged of career.mergedFrom) {
      const other = await this.readModels.get<CareerDocument>(careersProjection.name, merged);
      if (other?.municipality) municipalities.add(other.municipality);
    }
    if (![...municipalities].some((municipality) => actsIn(user, municipality))) {
      throw new DomainError('forbidden', `allowed only inside municipality ${user.municipality}`);
    }
    const { municipality: _municipality, personalData: _personalData, openConflicts: _openConflicts, ...history } = career;
    return careerView(history, now.toISOString().slice(0, 10));
  }
}
