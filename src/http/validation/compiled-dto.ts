import { TransformationType, TypeHelpOptions, TypeOptions } from 'class-transformer';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

/** What of class-transformer's metadata the fast path reads. */
interface TransformerMetadata {
  findTypeMetadata(
    target: object,
    property: string,
  ): { typeFunction?: (options?: TypeHelpOptions) => unknown; options?: TypeOptions } | undefined;
  findTransformMetadatas(target: object, property: string, transformationType: TransformationType): unknown[];
  getExposedMetadatas(target: object): unknown[];
  getExcludedMetadatas(target: object): unknown[];
}

// class-transformer keeps what its decorators declare in this one object but leaves it out of its index.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

/** A DTO class: what `@Body()` or `@Query()` names, built with `new` and no arguments as class-transformer does. */
export type DtoClass = new () => object;

/** One rule of a property: class-validator's constraint, `true` when it holds or does not apply. Undefined: it answered asynchronously. */
export type PropertyRule = (object: object, value: unknown) => boolean | undefined;

export interface CompiledProperty {
  /** `@ValidateIf`, `@IsOptional`, `@MayBeAbsent`: the property's other rules apply only when all of these hold. */
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  /** `@IsDefined` first, then every other constraint, in the order class-validator runs them. */
  readonly rules: readonly PropertyRule[];
  /** `@ValidateNested()`: an object value must pass its own class's rules. */
  readonly nested: boolean;
  /** `@Type(() => Class)`: class-transformer builds the value as an instance of what this returns. */
  readonly type?: (plain: object, instance: object, property: string) => unknown;
  /** `@Type(() => Number)` (or String, Boolean), as query DTOs declare: class-transformer converts each scalar with it. */
  readonly convert?: (value: unknown) => unknown;
}

/** What class-validator and class-transformer would look up on every request, looked up once per class. */
export interface CompiledDto {
  readonly dtoClass: DtoClass;
  /** Every property that has any metadata (the whitelist), in class-validator's order. */
  readonly properties: ReadonlyMap<string, CompiledProperty>;
}

const classValidatorMetadata = getMetadataStorage();

type ValidationMetadata = ReturnType<typeof classValidatorMetadata.getTargetValidationMetadatas>[number];

const isPromise = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

/** Class-validator's `customValidations` for one metadata, with its constraint instances resolved once. */
const ruleOf = (metadata: ValidationMetadata): PropertyRule => {
  const validators = classValidatorMetadata.getTargetValidatorConstraints(metadata.constraintCls).map((constraint) => constraint.instance);
  return (object, value) => {
    if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
    const args: ValidationArguments = {
      targetName: object.constructor?.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    for (const validator of validators) {
      const items = metadata.each && isCollection(value) ? (value instanceof Map ? [...value.values()] : [...value]) : [value];
      const results = items.map((item) => validator.validate(item, args) as unknown);
      if (results.some(isPromise)) return undefined;
      if (!results.every(Boolean)) return false;
    }
    return true;
  };
};

const compiled = new Map<DtoClass, CompiledDto | undefined>();

/** Types class-transformer converts a value into rather than building a DTO from it. */
const CONVERTED_TYPES: readonly unknown[] = [String, Number, Boolean, Date, Buffer];
/** Of those, the ones the fast path converts itself: class-transformer calls the very function on each scalar. */
const SCALAR_CONVERSIONS: ReadonlyMap<unknown, (value: unknown) => unknown> = new Map<unknown, (value: unknown) => unknown>([
  [String, String],
  [Number, Number],
  [Boolean, Boolean],
]);

/**
 * `@Type(…)` of a property: the DTO class it names, or the scalar conversion it stands for; false
 * when it converts into a Date or Buffer, or picks among several classes.
 */
const typeOf = (dtoClass: DtoClass, property: string): Pick<CompiledProperty, 'type' | 'convert'> | false => {
  const metadata = defaultMetadataStorage.findTypeMetadata(dtoClass, property);
  if (!metadata) return {};
  if (metadata.options?.discriminator || !metadata.typeFunction) return false;
  const typeFunction = metadata.typeFunction;
  let named: unknown;
  try {
    named = typeFunction();
  } catch {
    return false;
  }
  const convert = SCALAR_CONVERSIONS.get(named);
  if (convert) return { convert };
  if (CONVERTED_TYPES.includes(named)) return false;
  return {
    type: (plain, instance, name) => typeFunction({ newObject: instance, object: plain as Record<string, unknown>, property: name }),
  };
};

const compile = (dtoClass: DtoClass): CompiledDto | undefined => {
  // As class-validator asks for an object's rules: no schema name, no groups, not `always`.
  const metadatas = classValidatorMetadata.getTargetValidationMetadatas(dtoClass, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0) return undefined;
  if (metadatas.some((metadata) => metadata.type === ValidationTypes.PROMISE_VALIDATION)) return undefined;
  if (defaultMetadataStorage.getExposedMetadatas(dtoClass).length > 0 || defaultMetadataStorage.getExcludedMetadatas(dtoClass).length > 0)
    return undefined;
  const properties = new Map<string, CompiledProperty>();
  for (const [name, own] of Object.entries(classValidatorMetadata.groupByPropertyName(metadatas))) {
    // class-transformer skips a key the prototype has a method or getter for; keep that case on the full path.
    if (name in dtoClass.prototype) return undefined;
    if (defaultMetadataStorage.findTransformMetadatas(dtoClass, name, TransformationType.PLAIN_TO_CLASS).length > 0) return undefined;
    const type = typeOf(dtoClass, name);
    if (type === false) return undefined;
    const ofType = (kind: string) => own.filter((metadata) => metadata.type === kind);
    properties.set(name, {
      conditions: ofType(ValidationTypes.CONDITIONAL_VALIDATION).map(
        (metadata) => metadata.constraints[0] as CompiledProperty['conditions'][0],
      ),
      rules: [...ofType(ValidationTypes.IS_DEFINED), ...ofType(ValidationTypes.CUSTOM_VALIDATION)].map(ruleOf),
      nested: ofType(ValidationTypes.NESTED_VALIDATION).length > 0,
      ...type,
    });
  }
  return { dtoClass, properties };
};

/**
 * The class's metadata in the shape the fast path reads, made on first use (every decorator has
 * run by then) and kept; undefined for a class the fast path does not cover: no rules, a promise
 * rule, `@Expose`/`@Exclude`/`@Transform`, or a `@Type` that makes a Date or Buffer or discriminates.
 */
export const compiledDto = (dtoClass: DtoClass): CompiledDto | undefined => {
  if (!compiled.has(dtoClass)) compiled.set(dtoClass, compile(dtoClass));
  return compiled.get(dtoClass);
};
