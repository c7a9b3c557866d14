import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
// build-schema first: it loads reflect-metadata, which the input classes' decorators need.
import { buildAppSchema } from './build-schema.js';
import { CreateAdministrationArgs } from '../organisation/organisation.inputs.js';
import { validateArgument } from './validate-argument.js';

const administration = (name: string) => Object.assign(new CreateAdministrationArgs(), { name });
const call = async (value: unknown) => validateArgument(value, String, {} as never);

describe('validateArgument (type-graphql argument validation, class-validator imported once)', () => {
  it('lets valid arguments, scalars and null through', async () => {
    await expect(call(administration('Hemtjänst'))).resolves.toBeUndefined();
    await expect(call([administration('A'), null, 'x'])).resolves.toBeUndefined();
    for (const scalar of [null, undefined, 'text', 3, true]) await expect(call(scalar)).resolves.toBeUndefined();
  });

  it('refuses a decorated rule broken, in an argument or in any item of a list, with the errors type-graphql reports', async () => {
    for (const bad of [administration(''), [administration('A'), administration('x'.repeat(201))]]) {
      const error = await call(bad).catch((e: unknown) => e);
      expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect((error as { extensions: { validationErrors: Array<{ property: string }> } }).extensions.validationErrors[0]?.property).toBe('name');
    }
  });

  it('is the only validation: no argument of the schema asks for settings or a function of its own, which it would ignore', async () => {
    await buildAppSchema();
    const params = getMetadataStorage().params.filter((p) => p.kind === 'arg' || p.kind === 'args');
    expect(params.length).toBeGreaterThan(50);
    expect(params.filter((p) => p.validateSettings !== undefined || p.validateFn !== undefined).map((p) => `${p.target.name}.${p.methodName}`)).toEqual([]);
  });
});
