import { CompiledDto, compiledDto, DtoClass } from './compiled-dto';

/** The answer when the fast path does not know for sure what class-transformer would build: the full pipe decides. */
export const UNSURE = Symbol('unsure');

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

const isScalar = (value: unknown): boolean =>
  value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A dense array of scalars, copied as class-transformer copies it; UNSURE for anything else. */
const copyOf = (value: unknown): unknown => {
  if (isScalar(value)) return value;
  if (!Array.isArray(value)) return UNSURE;
  for (let index = 0; index < value.length; index++) if (!(index in value) || !isScalar(value[index])) return UNSURE;
  return value.slice();
};

/**
 * What `plainToInstance(dto.dtoClass, plain)` returns, for the values a JSON body or a query
 * string brings (scalars, arrays of them, objects a `@Type` names a DTO class for), or UNSURE:
 * a key that is not on the whitelist (class-validator refuses it anyway), an object without
 * `@Type`, a class the fast path does not cover. The plain value is only read, never changed.
 */
export const instanceOf = (dto: CompiledDto, plain: unknown): object | typeof UNSURE => {
  if (!isPlainObject(plain)) return UNSURE;
  const instance = new dto.dtoClass() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    const property = dto.properties.get(key);
    if (!property) return UNSURE;
    const value = plain[key];
    const built = property.type
      ? builtOf(value, property.type(plain, instance, key))
      : property.convert
        ? convertedOf(value, property.convert)
        : copyOf(value);
    if (built === UNSURE) return UNSURE;
    instance[key] = built;
  }
  return instance;
};

/**
 * A value whose property has `@Type(() => Number)` (String, Boolean): a scalar, or a dense array of
 * them, converted one by one as class-transformer does (null and undefined stay as they are); UNSURE for anything else.
 */
const convertedOf = (value: unknown, convert: (value: unknown) => unknown): unknown => {
  const one = (item: unknown) => (item === null || item === undefined ? item : convert(item));
  if (isScalar(value)) return one(value);
  const copy = copyOf(value);
  return copy === UNSURE ? UNSURE : (copy as unknown[]).map(one);
};

/** A value whose property has `@Type(() => SomeDto)`: an object, or an array of objects, each built as that class. */
const builtOf = (value: unknown, type: unknown): unknown => {
  if (value === null || value === undefined) return value;
  const nested = typeof type === 'function' ? compiledDto(type as DtoClass) : undefined;
  if (!nested) return UNSURE;
  if (!Array.isArray(value)) return instanceOf(nested, value);
  const items: unknown[] = [];
  for (let index = 0; index < value.length; index++) {
    const item = index in value ? instanceOf(nested, value[index]) : UNSURE;
    if (item === UNSURE) return UNSURE;
    items.push(item);
  }
  return items;
};
