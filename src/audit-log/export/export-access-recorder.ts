import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '../../auth';

export interface ExportAccess {
  user: AuthenticatedUser;
  route: 'GET /audit/log';
  fromLeaf: number;
  toLeaf: number;
  purpose?: string;
}

/** Told of every export before its first byte goes out. */
export interface ExportAccessRecorder {
  record(access: ExportAccess): Promise<void>;
}

/**
 * Where the access log ("who read what", a context of its own) plugs itself in at start: the log
 * is infrastructure and may know no context, so the context comes to it. Until something is
 * plugged in (a deployment without the access log), an export is recorded nowhere.
 */
@Injectable()
export class ExportAccessRecorderSlot implements ExportAccessRecorder {
  private recorder?: ExportAccessRecorder;

  plug(recorder: ExportAccessRecorder): void {
    this.recorder = recorder;
  }

  async record(access: ExportAccess): Promise<void> {
    await this.recorder?.record(access);
  }
}
