import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseStep, dayOf, pathwayDecider, pathwayStreamId } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { WriteResult } from '../../http';
import { OpenPathwayProcess } from '../open-pathway/open-pathway.process';
import { PathwayAccess } from '../pathway-access';
import { RecordCaseStepDto } from './record-case-step.dto';

export class RecordCaseStepRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly pathwayId: string,
    readonly body: RecordCaseStepDto,
    readonly ifMatch?: number,
  ) {}
}

/** A coach records what happened; a case conference among the steps also lifts R3 in the guard's ledger. */
@CommandHandler(RecordCaseStepRequest)
export class RecordCaseStepHandler implements ICommandHandler<RecordCaseStepRequest, WriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pathways: PathwayAccess,
    private readonly process: OpenPathwayProcess,
  ) {}

  async execute({ user, context, pathwayId, body, ifMatch }: RecordCaseStepRequest): Promise<WriteResult> {
    const pathway = await this.pathways.opened(user, pathwayId);
    const { kind, occurredAt, note, durationMinutes, next } = body;
    const step: Omit<CaseStep, 'recordedBy'> = {
      stepId: newAggregateId(context, `step-${pathwayId}`),
      kind,
      occurredAt: new Date(occurredAt).toISOString(),
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
      ...(note === undefined ? {} : { note: await this.pathways.seal(pathway, note) }),
      ...(next === undefined ? {} : { next: { kind: next.kind, dueOn: next.dueOn } }),
    };
    const result = await this.runner.run({
      streamId: pathwayStreamId(pathwayId),
      decider: pathwayDecider,
      context,
      ifMatch,
      command: { type: 'RecordCaseStep', data: { step }, metadata: commandMetadata(context) },
    });
    const ledgerPosition =
      result.events.length > 0 && kind === 'case_conference'
        ? await this.process.caseConferenceHeld(
            { participantId: pathway.participantId, stepId: step.stepId, heldOn: dayOf(step.occurredAt) },
            context,
          )
        : undefined;
    // The ledger's event comes later in the log: waiting for it (minPosition) shows both changes.
    return { id: step.stepId, version: result.version, position: ledgerPosition ?? result.position };
  }
}
