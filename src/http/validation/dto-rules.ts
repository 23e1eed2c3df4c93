import { CompiledDto, compiledDto, DtoClass } from './compiled-dto';

/**
 * Whether class-validator, run as the validation pipe runs it (whitelist, non-whitelisted
 * properties forbidden, unknown values allowed), finds no error in an instance `instanceOf`
 * built: the same conditions and constraint instances in the same order, without building the
 * errors. False also when it cannot tell without waiting (an asynchronous rule): the full pipe
 * then answers, with its own messages.
 */
export const passesRules = (dto: CompiledDto, instance: object): boolean => {
  for (const key of Object.keys(instance)) if (!dto.properties.has(key)) return false;
  for (const [name, property] of dto.properties) {
    const value = (instance as Record<string, unknown>)[name];
    if (!property.conditions.every((condition) => condition(instance, value))) continue;
    for (const rule of property.rules) if (rule(instance, value) !== true) return false;
    if (property.nested && !passesNested(value)) return false;
  }
  return true;
};

/** `@ValidateNested()`: absent, or an object (or a collection of them) passing its own class's rules. */
const passesNested = (value: unknown): boolean => {
  if (value === undefined) return true;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
    for (const item of value instanceof Map ? value.values() : value) if (item !== undefined && !passesNestedObject(item)) return false;
    return true;
  }
  return passesNestedObject(value);
};

const passesNestedObject = (value: unknown): boolean => {
  if (!(value instanceof Object)) return false;
  const nested = compiledDto(value.constructor as DtoClass);
  return nested !== undefined && passesRules(nested, value);
};
