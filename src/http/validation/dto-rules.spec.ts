import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { CompiledDto, compiledDto } from './compiled-dto';
import { instanceOf } from './dto-instance';
import { passesRules } from './dto-rules';

class Step {
  @IsIn(['call', 'meeting'])
  kind: string;
}

const Later = (): PropertyDecorator => ValidateBy({ name: 'later', validator: { validate: async () => Promise.resolve(true) } });

class Body {
  @IsOptional()
  @IsInt()
  minutes?: number;

  @ValidateIf((object: Body) => object.minutes !== undefined)
  @IsString()
  unit?: string;

  @IsIn(['a', 'b'], { each: true })
  tags: string[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Step)
  steps?: Step[];
}

class Awaited {
  @Later()
  name: string;
}

const passes = (dto: CompiledDto, plain: unknown): boolean => passesRules(dto, instanceOf(dto, plain) as object);

describe('passesRules', () => {
  const dto = compiledDto(Body) as CompiledDto;

  it('passes what class-validator passes: conditions skip their rules, `each` checks every item, nested items their own rules', () => {
    expect(passes(dto, { tags: ['a', 'b'] })).toBe(true);
    expect(passes(dto, { minutes: 5, unit: 'min', tags: [], steps: [{ kind: 'call' }] })).toBe(true);
    expect(passes(dto, { minutes: null, unit: 'min', tags: ['a'] })).toBe(true);
  });

  it('fails what class-validator refuses', () => {
    expect(passes(dto, { minutes: 5, tags: [] })).toBe(false);
    expect(passes(dto, { tags: ['a', 'c'] })).toBe(false);
    expect(passes(dto, { tags: [], steps: [{ kind: 'visit' }] })).toBe(false);
    expect(passes(dto, { tags: [], minutes: 1.5, unit: 'h' })).toBe(false);
  });

  it('refuses a property the instance has but the whitelist lacks', () => {
    expect(passesRules(dto, Object.assign(new Body(), { tags: [], extra: 1 }))).toBe(false);
  });

  it('does not wait for an asynchronous rule: the full pipe decides', () => {
    const awaited = compiledDto(Awaited) as CompiledDto;
    expect(passes(awaited, { name: 'x' })).toBe(false);
  });
});
