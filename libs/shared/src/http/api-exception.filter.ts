import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';

/** The one error shape of the API: `{ statusCode, error, message, details }`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

interface FastifyLikeReply {
  status(code: number): FastifyLikeReply;
  send(body: unknown): unknown;
}

interface PostgresError {
  code?: string;
  detail?: string;
  constraint?: string;
}

function fromHttpException(exception: HttpException): ApiErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const base = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error' };
  if (typeof response === 'string') return { ...base, message: response };
  const body = response as { message?: unknown; details?: unknown; error?: string };
  if (Array.isArray(body.message)) {
    return { ...base, message: body.message.join('; '), details: body.details ?? body.message };
  }
  return {
    ...base,
    message: typeof body.message === 'string' ? body.message : exception.message,
    details: body.details,
  };
}

function fromPostgres(error: PostgresError): ApiErrorBody | undefined {
  switch (error.code) {
    case '23505':
      return { statusCode: 409, error: 'Conflict', message: 'Already exists', details: error.detail };
    case '23503':
      return {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'Refers to a record that does not exist',
        details: error.detail,
      };
    case '22P02':
      return { statusCode: 400, error: 'Bad Request', message: 'Malformed identifier or value' };
    default:
      return undefined;
  }
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyLikeReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof QueryFailedError) {
      const mapped = fromPostgres(exception.driverError as PostgresError);
      if (mapped) return mapped;
    }
    // Fastify's own errors (body too large, bad JSON, unsupported media type) carry a statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        statusCode,
        error: STATUS_CODES[statusCode] ?? 'Error',
        message: (exception as Error).message,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; it has been logged.',
    };
  }
}
