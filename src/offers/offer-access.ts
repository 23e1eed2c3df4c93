import { Injectable } from '@nestjs/common';
import { DomainError, offerDecider, offerStreamId, PublishedOfferState } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../auth';
import { CommandRunner } from '../event-sourcing';

/** The offer a request names, inside the caller's municipality: checked before any command on it runs. */
@Injectable()
export class OfferAccess {
  constructor(private readonly runner: CommandRunner) {}

  async published(user: AuthenticatedUser, offerId: string): Promise<PublishedOfferState> {
    const { state } = await this.runner.state(offerStreamId(offerId), offerDecider);
    if (state.status === 'none') throw new DomainError('offer_not_found', `no offer ${offerId}`);
    assertSameMunicipality(user, state.municipality);
    return state;
  }
}
