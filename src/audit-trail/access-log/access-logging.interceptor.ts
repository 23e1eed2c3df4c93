import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { AuthenticatedUser } from '../../auth';
import { StreamOwnership } from '../stream-ownership';
import { AccessRecorder } from './access-recorder';
import { PERSONAL_DATA_READS, ReadSubjects } from './personal-data-reads';
import { purposeOf, PURPOSE_HEADER } from './purpose';
import { routePatternOf } from '../../http';
import type { HttpRequest } from '../../http';

/**
 * Records every successful answer of a route in PERSONAL_DATA_READS: who read, which people, by which route, and
 * why. Only answers that went out count; a refused read showed nothing. The entry is buffered, never awaited.
 */
@Injectable()
export class AccessLoggingInterceptor implements NestInterceptor {
  constructor(
    private readonly recorder: AccessRecorder,
    private readonly ownership: StreamOwnership,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest & { user?: AuthenticatedUser }>();
    const route = `${request.method} ${routePatternOf(request)}`;
    const subjectsOf = PERSONAL_DATA_READS[route];
    if (!subjectsOf) return next.handle();
    return next.handle().pipe(
      tap((body) => {
        const user = request.user;
        const subjects = subjectsOf({
          body,
          params: request.params as Record<string, unknown>,
          query: request.query as Record<string, unknown>,
        });
        if (!user || !subjects) return;
        const purpose = purposeOf(request.headers[PURPOSE_HEADER]);
        if (subjects.municipalities?.length) this.record(user, route, subjects, subjects.municipalities, purpose);
        else void this.municipalitiesOf(subjects.participantIds).then((found) => this.record(user, route, subjects, found, purpose));
      }),
    );
  }

  /** Hands the recorder a fresh object of one shape for every read; an absent purpose or detail stays undefined. */
  private record(
    user: AuthenticatedUser,
    route: string,
    subjects: ReadSubjects,
    municipalities: string[],
    purpose: string | undefined,
  ): void {
    this.recorder.record({
      sub: user.sub,
      roles: user.roles,
      municipality: user.municipality,
      route,
      participantIds: subjects.participantIds,
      municipalities,
      purpose,
      action: subjects.action ?? 'read',
      detail: subjects.detail,
    });
  }

  /** Where each person is registered; cached, as a registration's municipality never changes. */
  private async municipalitiesOf(participantIds: string[]): Promise<string[]> {
    const found = await Promise.all(participantIds.map((id) => this.ownership.municipalityOf(id).catch(() => undefined)));
    return [...new Set(found.filter((m): m is string => m !== undefined))];
  }
}
