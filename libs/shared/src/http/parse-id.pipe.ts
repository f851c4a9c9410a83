import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * A UUID route parameter (`@Param('id', ParseIdPipe)`). Unlike Nest's ParseUUIDPipe, the 400
 * names the parameter in the API's error shape, like body validation does.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value, 'all')) return value;
    const field = metadata.data ?? 'id';
    throw new BadRequestException({
      message: `${field} must be a UUID`,
      details: [{ field, problems: ['must be a UUID'] }],
    });
  }
}
