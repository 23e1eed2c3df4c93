import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsObject, IsString, ValidateNested } from 'class-validator';
import { CompiledDto, compiledDto } from './compiled-dto';
import { instanceOf, UNSURE } from './dto-instance';

class Step {
  @IsString()
  kind: string;
}

class Body {
  @IsString()
  note: string;

  @IsInt()
  minutes: number;

  @IsArray()
  tags: string[];

  @IsObject()
  @ValidateNested()
  @Type(() => Step)
  next: Step;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Step)
  steps: Step[];
}

const dto = compiledDto(Body) as CompiledDto;

class Query {
  @Type(() => Number)
  @IsInt()
  page: number;

  @Type(() => Boolean)
  @IsBoolean()
  flag: boolean;
}

const query = compiledDto(Query) as CompiledDto;

describe('instanceOf', () => {
  it('builds the class and its nested classes, copying scalars and arrays, and leaves the plain value as it was', () => {
    const plain = { note: 'n', minutes: 5, tags: ['a', 'b'], next: { kind: 'k' }, steps: [{ kind: 'x' }] };
    const before = JSON.stringify(plain);
    const instance = instanceOf(dto, plain) as Body;
    expect(instance).toBeInstanceOf(Body);
    expect(instance.next).toBeInstanceOf(Step);
    expect(instance.steps[0]).toBeInstanceOf(Step);
    expect(instance).toMatchObject(plain);
    expect(instance.tags).not.toBe(plain.tags);
    expect(JSON.stringify(plain)).toBe(before);
  });

  it('keeps null and absent values as they are', () => {
    expect(instanceOf(dto, { note: null, next: null })).toMatchObject({ note: null, next: null });
  });

  it.each([
    ['a key off the whitelist', { note: 'n', extra: 1 }],
    ['an object without @Type', { tags: { a: 1 } }],
    ['an array holding objects without @Type', { tags: [{ a: 1 }] }],
    ['a scalar where @Type names a class', { next: 'k' }],
    ['a nested key off the whitelist', { next: { kind: 'k', extra: 1 } }],
    ['a sparse array', { tags: Array(3) as string[] }],
  ])('is unsure of %s', (_case, plain) => {
    expect(instanceOf(dto, plain)).toBe(UNSURE);
  });

  it('converts each scalar as class-transformer does where @Type names Number or Boolean, keeping null and undefined', () => {
    expect(instanceOf(query, { page: '12', flag: '' })).toStrictEqual(Object.assign(new Query(), { page: 12, flag: false }));
    expect(instanceOf(query, { page: ['1', 'x', null] })).toStrictEqual(Object.assign(new Query(), { page: [1, NaN, null] }));
    expect(instanceOf(query, { page: null, flag: undefined })).toStrictEqual(Object.assign(new Query(), { page: null, flag: undefined }));
  });

  it.each([
    ['an object', { page: { a: '1' } }],
    ['an array holding an array', { page: [['1']] }],
    ['a sparse array', { page: Array(2) as string[] }],
  ])('is unsure of %s where @Type converts', (_case, plain) => {
    expect(instanceOf(query, plain)).toBe(UNSURE);
  });

  it.each([null, 'x', 1, [], new Date(0)])('is unsure of a value that is not a plain object: %p', (plain) => {
    expect(instanceOf(dto, plain)).toBe(UNSURE);
  });
});
