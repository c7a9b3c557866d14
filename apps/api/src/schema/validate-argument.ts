import { validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

/**
 * type-graphql's own argument validation, with class-validator imported once. type-graphql 2 runs
 * `await import('class-validator')` for every argument it validates; under tsx (`pnpm start`), each such
 * import() is a blocking round trip to the loader-hooks thread, and under load it held the event loop for
 * about 2 % of its time (issue 11, the saturation profile). These are the options type-graphql applies by
 * default (`skipMissingProperties`, no `forbidUnknownValues`); no argument has settings of its own.
 */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const isValidated = (value: unknown): value is object => value !== null && typeof value === 'object';

export const validateArgument: ValidatorFn = async (value: unknown) => {
  if (!isValidated(value)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(isValidated).map((item) => validateOrReject(item, OPTIONS)));
    else await validateOrReject(value, OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
};
