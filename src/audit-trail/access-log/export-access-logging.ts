import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExportAccess, ExportAccessRecorderSlot } from '../../audit-log';
import { AccessRecorder } from './access-recorder';

/**
 * Puts every export of the log (`GET /audit/log`) into the access log. An export holds every
 * municipality's events, sealed: no participant in clear, so none is named, and `*` stands for
 * the municipalities whose data it carried.
 */
@Injectable()
export class ExportAccessLogging implements OnModuleInit {
  constructor(
    private readonly slot: ExportAccessRecorderSlot,
    private readonly recorder: AccessRecorder,
  ) {}

  onModuleInit(): void {
    this.slot.plug({ record: (access) => Promise.resolve(this.recorder.record(entryOf(access))) });
  }
}

const entryOf = ({ user, route, fromLeaf, toLeaf, purpose }: ExportAccess) => ({
  sub: user.sub,
  roles: [...user.roles],
  municipality: user.municipality,
  route,
  participantIds: [],
  municipalities: ['*'],
  ...(purpose ? { purpose } : {}),
  action: 'export' as const,
  detail: { fromLeaf, toLeaf },
});
