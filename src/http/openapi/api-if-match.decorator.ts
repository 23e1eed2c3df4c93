import { ApiHeader } from '@nestjs/swagger';

/** Documents that a write honours `If-Match` (read it with `@IfMatch()` or `parseIfMatch`). */
export const ApiIfMatch = (): MethodDecorator & ClassDecorator =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag (stream version) the change is based on, e.g. "3"; 412 version_conflict when the resource has moved on. `*` or absent: any version.',
    schema: { type: 'string' },
  });
