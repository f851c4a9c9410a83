import {
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '@ledgerdesk/agents';
import { isByteStream } from '@ledgerdesk/shared';
import { ImportReport } from './import-report';
import { ImportHistoryUseCase } from './import-history.usecase';

export const NDJSON = 'application/x-ndjson';

interface ImportRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

interface StatusReply {
  status(code: number): unknown;
}

/** The 422 body: the API's error shape plus the report, so a client reads the counts either way. */
export interface ImportRejectedBody extends ImportReport {
  statusCode: number;
  error: string;
  message: string;
  details: ImportReport['errors'];
}

const isNdjson = (contentType: unknown): boolean =>
  typeof contentType === 'string' && contentType.split(';')[0].trim().toLowerCase() === NDJSON;

@ApiTags('import')
@ApiBearerAuth()
@Controller('import')
export class HistoryImportController {
  constructor(private readonly importHistory: ImportHistoryUseCase) {}

  @Post()
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(NDJSON)
  @ApiBody({
    description:
      'History from another desk, one JSON event per line (id, type, ticket, at + the fields of its type). ' +
      'Idempotent by id: importing the same file again changes nothing.',
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: ImportReport, description: 'Every line was imported or already there' })
  @ApiUnprocessableEntityResponse({
    description: 'Some lines were rejected (listed in details); the others were imported',
  })
  async import(
    @Req() request: ImportRequest,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<ImportReport | ImportRejectedBody> {
    if (!isNdjson(request.headers['content-type'])) {
      throw new UnsupportedMediaTypeException(
        `Send the history as ${NDJSON} (one JSON event per line), not ${String(request.headers['content-type'] ?? 'no content type')}`,
      );
    }
    const report = await this.importHistory.execute(isByteStream(request.body) ? request.body : []);
    if (report.rejected === 0) return report;
    reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
    return {
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      error: 'Unprocessable Entity',
      message:
        `${report.rejected} of ${report.read} lines rejected; the other lines were imported ` +
        `and a corrected re-run is idempotent`,
      details: report.errors,
      ...report,
    };
  }
}
