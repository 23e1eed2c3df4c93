import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { ReadModels } from '../../read-models';
import { CareerDocument, careersProjection } from '../career/careers.projection';
import { ConflictsPage } from './conflicts.response';
import { ListConflictsQuery } from './list-conflicts.query';

export class ListConflicts {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: ListConflictsQuery,
  ) {}
}

/**
 * The duplicate measures merges brought to light and nobody has settled yet, per person, in the
 * municipality of the surviving registration. Ids, kinds and dates only: a coordinator steers
 * with them and sees no names.
 */
@QueryHandler(ListConflicts)
export class ListConflictsHandler implements IQueryHandler<ListConflicts, ConflictsPage> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ user, query }: ListConflicts): Promise<ConflictsPage> {
    const municipality = query.municipality ?? user.municipality;
    assertSameMunicipality(user, municipality);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const found = await this.readModels.find<CareerDocument>(
      careersProjection.name,
      {
        where: { municipality, openConflicts: 'yes' },
        orderBy: [{ field: 'participantId', direction: 'asc' }],
        offset: (page - 1) * pageSize,
        limit: pageSize,
        omit: ['personalData', 'pathways', 'overrides', 'caseConferences'],
      },
      query.minPosition,
    );
    return {
      items: found.items.map(({ participantId, conflicts }) => ({ participantId, conflicts })),
      page,
      pageSize,
      total: found.total,
      position: found.position,
    };
  }
}
