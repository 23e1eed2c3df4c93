import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelQuery } from '@lotse/projections';
import { AuthenticatedUser, assertSameMunicipality, seesPersonalData } from '../../auth';
import { CareerDocument, careersProjection } from '../../guard';
import { PersonalData, PersonalDataVault } from '../../personal-data';
import { ReadModels } from '../../read-models';
import { CaseloadItem, CaseloadPage } from './caseload.response';
import { CaseloadSort, ListPathwaysQuery } from './list-pathways.query';
import { PathwayDocument, pathwaysProjection } from './pathways.projection';

export class ListPathways {
  constructor(
    readonly user: AuthenticatedUser,
    readonly query: ListPathwaysQuery,
    readonly now: Date,
  ) {}
}

const SORT_FIELDS: Record<string, string> = {
  lastContact: 'lastContactAt',
  nextDue: 'nextDueOn',
  plannedEnd: 'plannedEnd',
  openedAt: 'openedAt',
};

const orderBy = (sort: CaseloadSort): ReadModelQuery['orderBy'] => {
  const descending = sort.startsWith('-');
  return [{ field: SORT_FIELDS[descending ? sort.slice(1) : sort], direction: descending ? 'desc' : 'asc' }];
};

const DAY_MS = 86_400_000;

/** The caseload: a municipality's pathways, by default the caller's, filtered and paged in the read model. */
@QueryHandler(ListPathways)
export class ListPathwaysHandler implements IQueryHandler<ListPathways, CaseloadPage> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ user, query, now }: ListPathways): Promise<CaseloadPage> {
    const municipality = query.municipality ?? user.municipality;
    assertSameMunicipality(user, municipality);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const coachId = query.coach === 'me' ? user.sub : query.coach;
    const where = {
      municipality,
      ...(coachId ? { coachId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    };
    const found = await this.readModels.find<Omit<PathwayDocument, 'goal'>>(
      pathwaysProjection.name,
      {
        where,
        orderBy: orderBy(query.sort ?? 'lastContact'),
        offset: (page - 1) * pageSize,
        limit: pageSize,
        omit: ['goal'],
      },
      query.minPosition,
    );
    const today = now.toISOString().slice(0, 10);
    const names = seesPersonalData(user)
      ? await this.namesOf(
          found.items.map((doc) => doc.participantId),
          query.minPosition,
        )
      : new Map<string, null>();
    const items = found.items.map((doc): CaseloadItem => {
      const { nextDueOn: _due, nextStep, lastContactAt, ...row } = doc;
      return {
        ...row,
        offerId: doc.offerId ?? null,
        participant: names.get(doc.participantId) ?? null,
        lastContactAt,
        nextStep: nextStep && { ...nextStep, overdue: nextStep.dueOn < today },
        daysSinceLastContact: lastContactAt ? Math.floor((now.getTime() - Date.parse(lastContactAt)) / DAY_MS) : null,
      };
    });
    return { items, page, pageSize, total: found.total, position: found.position };
  }

  /**
   * Whom each row is about, one read for the page; a name whose key was destroyed stays null.
   * The names come from another read model, which must have reached `minPosition` as well.
   */
  private async namesOf(
    participantIds: string[],
    minPosition?: number,
  ): Promise<Map<string, { givenName: string; familyName: string } | null>> {
    const ids = [...new Set(participantIds)];
    if (ids.length === 0) return new Map();
    const careers = await this.readModels.find<CareerDocument>(careersProjection.name, { where: { participantId: ids } }, minPosition);
    const names = await Promise.all(
      careers.items.map(async (career) => {
        if (!career.personalData) return [career.participantId, null] as const;
        const opened = await this.vault.open<PersonalData>(career.participantId, career.personalData);
        return [
          career.participantId,
          typeof opened === 'symbol' ? null : { givenName: opened.givenName, familyName: opened.familyName },
        ] as const;
      }),
    );
    return new Map(names);
  }
}
