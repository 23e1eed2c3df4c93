import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '../../auth';

export interface ExportAccess {
  user: AuthenticatedUser;
  route: 'GET /audit/log';
  fromLeaf: number;
  toLeaf: number;
  purpose?: string;
}

/**
 * Told of every export before its first byte goes out. The access log ("who read what") replaces
 * this default, which records nothing, by providing EXPORT_ACCESS_RECORDER.
 */
export interface ExportAccessRecorder {
  record(access: ExportAccess): Promise<void>;
}

@Injectable()
export class NoExportAccessRecorder implements ExportAccessRecorder {
  async record(): Promise<void> {}
}
