import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, ValidateNested, ValidatePromise } from 'class-validator';
import { compiledDto } from './compiled-dto';

class Inner {
  @IsString()
  name: string;
}

class Outer {
  @IsOptional()
  @IsInt()
  count?: number;

  @ValidateNested()
  @Type(() => Inner)
  inner: Inner;
}

class Converted {
  @Type(() => Number)
  @IsInt()
  page: number;
}

class Dated {
  @Type(() => Date)
  @IsDate()
  at: Date;
}

class Transformed {
  @Transform(({ value }: { value: unknown }) => String(value).trim())
  @IsString()
  name: string;
}

class Promised {
  @ValidatePromise()
  @IsString()
  name: Promise<string>;
}

class Plain {
  name: string;
}

class WithGetter {
  @IsString()
  get name(): string {
    return 'fixed';
  }
}

describe('compiledDto', () => {
  it('lists every property with metadata, its conditions, rules, nesting and @Type, once per class', () => {
    const dto = compiledDto(Outer);
    expect(dto).toBe(compiledDto(Outer));
    expect([...(dto?.properties.keys() ?? [])]).toEqual(['count', 'inner']);
    const count = dto?.properties.get('count');
    expect(count?.conditions).toHaveLength(1);
    expect(count?.rules).toHaveLength(1);
    expect(count?.nested).toBe(false);
    const inner = dto?.properties.get('inner');
    expect(inner?.nested).toBe(true);
    expect(inner?.type?.({}, {}, 'inner')).toBe(Inner);
  });

  it('runs a rule as class-validator does: true when it holds, false when not', () => {
    const [rule] = compiledDto(Inner)?.properties.get('name')?.rules ?? [];
    expect(rule(new Inner(), 'Amira')).toBe(true);
    expect(rule(new Inner(), 42)).toBe(false);
  });

  it('keeps the conversion of a @Type(() => Number), which class-transformer applies to each scalar', () => {
    const page = compiledDto(Converted)?.properties.get('page');
    expect(page?.type).toBeUndefined();
    expect(page?.convert?.('12')).toBe(12);
  });

  it.each([
    ['makes a Date with @Type(() => Date)', Dated],
    ['has a @Transform', Transformed],
    ['validates a promise', Promised],
    ['has no rules', Plain],
    ['has a getter of a validated name', WithGetter],
  ])('leaves a class that %s to the full pipe', (_case, dtoClass) => {
    expect(compiledDto(dtoClass as new () => object)).toBeUndefined();
  });
});
