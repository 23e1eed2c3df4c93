import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { FieldError } from './problem';

/** Nested errors as dotted paths (`entitlements.0.from`), one entry per broken rule. */
export const fieldErrorsOf = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent && error.property ? `${parent}.${error.property}` : parent || error.property || '';
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });

/**
 * Unknown fields are refused rather than dropped: a misspelt `plannedEnd` silently ignored would
 * open a pathway without an end. Failures become a `validation_failed` DomainError, so the one
 * filter answers them like every other error.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
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
  });
