import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { FieldError } from './problem';
import { compiledDto, DtoClass } from './validation/compiled-dto';
import { instanceOf, UNSURE } from './validation/dto-instance';
import { passesRules } from './validation/dto-rules';

/** Nested errors as dotted paths (`entitlements.0.from`), one entry per broken rule. */
export const fieldErrorsOf = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent && error.property ? `${parent}.${error.property}` : parent || error.property || '';
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });

/**
 * Nest's pipe with a fast path for the common case, a valid value: the DTO's metadata is looked
 * up once per class (`compiledDto`), the instance built and the same constraints run without the
 * promises and error objects class-validator makes on every call. Whatever the fast path is not
 * sure of — every invalid value, every shape it does not cover — goes through the full pipe, so a
 * refusal's status and messages come from the one place they always came from.
 */
class CompiledValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype && this.toValidate(metadata) ? compiledDto(metadata.metatype as DtoClass) : undefined;
    const instance = dto ? instanceOf(dto, value) : UNSURE;
    if (dto && instance !== UNSURE && passesRules(dto, instance)) return instance;
    return super.transform(value, metadata);
  }
}

/**
 * Unknown fields are refused rather than dropped: a misspelt `plannedEnd` silently ignored would
 * open a pathway without an end. Failures become a `validation_failed` DomainError, so the one
 * filter answers them like every other error. The fast path above assumes exactly these options.
 */
export const validationPipeOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // Never echo the submitted values (personal data) back into errors or logs.
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const fieldErrors = fieldErrorsOf(errors);
    const detail = fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
    return new DomainError('validation_failed', detail || 'the request is invalid', { errors: fieldErrors });
  },
};

export const createValidationPipe = (): ValidationPipe => new CompiledValidationPipe(validationPipeOptions);
