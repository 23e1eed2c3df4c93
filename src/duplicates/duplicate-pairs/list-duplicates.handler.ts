import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { AggregateStore } from '../../event-sourcing';
import { openPersonalData, participantStream, PersonalData } from '../../participants/participant-stream';
import { PersonalDataVault } from '../../personal-data';
import { DuplicateDetectionService } from '../duplicate-detection.service';
import { DuplicatePairView } from '../dto/duplicate-pair.view';
import { DuplicatePair } from '../match-key-store';

export class ListDuplicates {
  constructor(readonly user: AuthenticatedUser) {}
}

/** Open pairs, best first: a coordinator sees the comparison, only an admin the names behind it. */
@QueryHandler(ListDuplicates)
export class ListDuplicatesHandler implements IQueryHandler<ListDuplicates, DuplicatePairView[]> {
  constructor(private readonly duplicates: DuplicateDetectionService, private readonly aggregates: AggregateStore,
    private readonly vault: PersonalDataVault) {}

  async execute({ user }: ListDuplicates): Promise<DuplicatePairView[]> {
    const admin = user.roles.includes('admin');
    const pairs = await this.duplicates.store.pairs({ status: 'open', municipality: admin ? undefined : user.municipality });
    return Promise.all(pairs.map(async (pair) => (admin ? { ...view(pair), clear: { a: await this.clear(pair.participantA), b: await this.clear(pair.participantB) } } : view(pair))));
  }

  private async clear(participantId: string): Promise<PersonalData | null> {
    const { events } = await this.aggregates.history(participantStream(participantId));
    return openPersonalData(this.vault, participantId, events);
  }
}

const view = ({ status: _status, ...pair }: DuplicatePair): DuplicatePairView => pair;
