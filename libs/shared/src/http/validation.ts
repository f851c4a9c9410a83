import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { assertNoNulCharacters } from './nul-characters';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens nested validation errors to `{ field: 'requester.email', problems: [...] }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Validates request DTOs, and first refuses text with NUL characters in them (see nul-characters). */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata)) assertNoNulCharacters(value);
    return super.transform(value, metadata);
  }
}

/** Whitelist + forbid unknown fields + transform; errors name each field. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new BadRequestException({
        message: details.map((d) => d.problems.join(', ')).join('; '),
        details,
      });
    },
  });
}
