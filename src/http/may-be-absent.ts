import { ValidateIf } from 'class-validator';

/**
 * An optional field: absent is fine, but `null` is a value and must pass the field's rules.
 * class-validator's `@IsOptional()` lets `null` through too, and `next: null` then reached the
 * handler as if a next step had been given.
 */
export const MayBeAbsent = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
