import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../auth';
import { participantStreamId } from '@lotse/domain';
import { CommandRunner } from '../../event-sourcing';
import { openPersonalData, PersonalData, PersonalDataVault } from '../../personal-data';
import { DuplicateDetectionService } from '../duplicate-detection.service';
import { DuplicatePair } from '../match-key-store';
import { DuplicatePairView } from './duplicate-pair.view';

export class ListDuplicates {
  constructor(readonly user: AuthenticatedUser) {}
}

/** Open pairs, best first: a coordinator sees the comparison, only an admin the names behind it. */
@QueryHandler(ListDuplicates)
export class ListDuplicatesHandler implements IQueryHandler<ListDuplicates, DuplicatePairView[]> {
  constructor(
    private readonly duplicates: DuplicateDetectionService,
    private readonly runner: CommandRunner,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ user }: ListDuplicates): Promise<DuplicatePairView[]> {
    const admin = user.roles.includes('admin');
    const pairs = await this.duplicates.store.pairs({ status: 'open', municipality: admin ? undefined : user.municipality });
    return Promise.all(
      pairs.map(async (pair) =>
        admin ? { ...view(pair), clear: { a: await this.clear(pair.participantA), b: await this.clear(pair.participantB) } } : view(pair),
      ),
    );
  }

  private async clear(participantId: string): Promise<PersonalData | null> {
    const { events } = await this.runner.history(participantStreamId(participantId));
    return openPersonalData(this.vault, participantId, events);
  }
}

const view = ({ status: _status, ...pair }: DuplicatePair): DuplicatePairView => pair;
