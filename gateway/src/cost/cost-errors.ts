import { AppError } from '@academy/service-kit';

/** `requireOneSlicingArgument` broken: the list has no honest size without exactly one slicing argument. */
export function slicingArgumentError(field: string, slicingArguments: readonly string[], found: number): AppError {
  const names = slicingArguments.map((name) => `'${name}'`).join(', ');
  return new AppError('SLICING_ARGUMENT_REQUIRED', `Exactly one slicing argument (${names}) is required for field '${field}', but found ${found}.`, {
    field,
    slicingArguments,
    found,
  });
}

/** Apollo's `COST_ESTIMATED_TOO_EXPENSIVE` shape under this registry's code: the numbers sit in the same extension keys. */
export function costLimitExceededError(estimated: number, max: number): AppError {
  return new AppError('COST_LIMIT_EXCEEDED', `The operation's estimated cost ${estimated} exceeds the maximum of ${max}.`, {
    'cost.estimated': estimated,
    'cost.max': max,
  });
}
