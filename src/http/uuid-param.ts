import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@lotse/domain';

/** The path parameters of a handler that must be UUIDs: the OpenAPI document gives them `format: uuid`. */
export const UUID_PARAMS = 'lotse:uuid-params';

/**
 * `@Param(name, ParseUUIDPipe)` whose refusal names the parameter like any other invalid input
 * (`errors: [{ field: 'id', message }]`); Nest's own says only "uuid is expected".
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () => {
          const message = 'must be a UUID';
          return new DomainError('validation_failed', `${name}: ${message}`, { errors: [{ field: name, message }] });
        },
      }),
    )(target, key, index);
    if (key === undefined) return;
    const handler = (target as Record<string | symbol, unknown>)[key] as object;
    const names = (Reflect.getMetadata(UUID_PARAMS, handler) as string[] | undefined) ?? [];
    Reflect.defineMetadata(UUID_PARAMS, [...names, name], handler);
  };
