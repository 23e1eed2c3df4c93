import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { dayOf, DomainError, Outcome, PathwayCommand, pathwayDecider } from '@lotse/domain';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { AggregateStore, newAggregateId, RequestContext } from '../../event-sourcing';
import { EnrolmentLedgerService } from '../../guard';
import { PersonalDataVault } from '../../personal-data';
import { RecordCaseStepDto } from '../dto/record-case-step.dto';
import { pathwayStream } from '../pathway-stream';

type Change =
  | { type: 'RecordCaseStep'; step: RecordCaseStepDto }
  | { type: 'CompletePathway'; outcome: Outcome; endedOn: string }
  | { type: 'AbortPathway'; outcome: Outcome; endedOn: string; reason: string }
  | { type: 'TransferPathway'; toCoachId: string };

/** Every change to an opened pathway: same load, tenant check, sealing of free text, decide and append. */
export class ChangePathway {
  constructor(readonly user: AuthenticatedUser, readonly context: RequestContext, readonly pathwayId: string,
    readonly change: Change, readonly ifMatch?: number) {}
}

export interface ChangedPathway { id: string; version: number; position: number }

@CommandHandler(ChangePathway)
export class ChangePathwayHandler implements ICommandHandler<ChangePathway, ChangedPathway> {
  constructor(private readonly aggregates: AggregateStore, private readonly vault: PersonalDataVault,
    private readonly ledger: EnrolmentLedgerService) {}

  /** What the guard must know: when a pathway stopped blocking, and when a case conference lifted R3. */
  private async updateLedger(participantId: string, pathwayId: string, change: Change, stepId: string | undefined,
    context: RequestContext): Promise<number | undefined> {
    if (change.type === 'CompletePathway' || change.type === 'AbortPathway') {
      const status = change.type === 'CompletePathway' ? 'completed' as const : 'aborted' as const;
      return this.ledger.record(participantId, (metadata) => ({ type: 'RecordPathwayEnded', metadata,
        data: { participantId, pathwayId, status, outcome: change.outcome, endedOn: change.endedOn } }), context);
    }
    if (change.type === 'RecordCaseStep' && change.step.kind === 'case_conference' && stepId) {
      return this.ledger.record(participantId, (metadata) => ({ type: 'RecordCaseConference', metadata,
        data: { participantId, stepId, heldOn: dayOf(new Date(change.step.occurredAt).toISOString()) } }), context);
    }
    return undefined;
  }

  async execute({ user, context, pathwayId, change, ifMatch }: ChangePathway): Promise<ChangedPathway> {
    const stepId = change.type === 'RecordCaseStep' ? newAggregateId(context, `step-${pathwayId}`) : undefined;
    let participantId = '';
    const result = await this.aggregates.handle(pathwayStream(pathwayId), pathwayDecider, async (state): Promise<PathwayCommand> => {
      if (state.status === 'none') throw new DomainError('not_found', `no pathway ${pathwayId}`);
      assertSameMunicipality(user, state.municipality);
      participantId = state.participantId;
      const metadata = { now: context.now, actor: context.actor };
      // decide refuses anything on an ended pathway; asking for a key that erasure may have destroyed would only hide that.
      const seal = (text: string) => (state.status === 'active' ? this.vault.seal(state.participantId, text) : Promise.resolve(''));
      switch (change.type) {
        case 'RecordCaseStep': {
          const { kind, occurredAt, note, durationMinutes, next } = change.step;
          return { type: change.type, metadata, data: { step: { stepId: stepId!, kind, occurredAt: new Date(occurredAt).toISOString(),
            ...(durationMinutes === undefined ? {} : { durationMinutes }), ...(note === undefined ? {} : { note: await seal(note) }),
            ...(next === undefined ? {} : { next: { kind: next.kind, dueOn: next.dueOn } }) } } };
        }
        case 'CompletePathway':
          return { type: change.type, metadata, data: { outcome: change.outcome, endedOn: change.endedOn } };
        case 'AbortPathway':
          return { type: change.type, metadata, data: { outcome: change.outcome, endedOn: change.endedOn, reason: await seal(change.reason) } };
        case 'TransferPathway':
          return { type: change.type, metadata, data: { toCoachId: change.toCoachId } };
      }
    }, context, ifMatch);
    const ledgerPosition = result.events.length > 0 ? await this.updateLedger(participantId, pathwayId, change, stepId, context) : undefined;
    // The ledger's event comes later in the log: waiting for it (minPosition) shows both changes.
    return { id: stepId ?? pathwayId, version: result.version, position: ledgerPosition ?? result.position };
  }
}
