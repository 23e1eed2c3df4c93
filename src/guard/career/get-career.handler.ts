import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lotse/domain';
import { actsIn, AuthenticatedUser } from '../../auth';
import { ReadModels } from '../../read-models';
import { CareerDocument, careersProjection } from '../career.projection';
import { CareerView } from '../career.view';

export class GetCareer {
  constructor(readonly user: AuthenticatedUser, readonly participantId: string, readonly minPosition?: number) {}
}

@QueryHandler(GetCareer)
export class GetCareerHandler implements IQueryHandler<GetCareer, CareerView> {
  constructor(private readonly readModels: ReadModels) {}

  /**
   * Coaches of every municipality where the person has a pathway may read the career: the
   * registration's own, and those of registrations merged into it (DESIGN.md §1).
   */
  async execute({ user, participantId, minPosition }: GetCareer): Promise<CareerView> {
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
    const { municipality: _municipality, personalData: _personalData, ...view } = career;
    return view;
  }
}
