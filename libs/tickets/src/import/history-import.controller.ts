import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '@ledgerdesk/agents';
import {
  importAnswer,
  ImportRejection,
  StatusReply,
  streamedBody,
  StreamedImportRequest,
} from '@ledgerdesk/shared';
import { ImportReport } from './import-report';
import { ImportHistoryUseCase } from './import-history.usecase';

export const NDJSON = 'application/x-ndjson';

/** The 422 body: the API's error shape plus the report, so a client reads the counts either way. */
export type ImportRejectedBody = ImportRejection<ImportReport>;

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
    @Req() request: StreamedImportRequest,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<ImportReport | ImportRejectedBody> {
    const body = streamedBody(
      request,
      NDJSON,
      (sent) => `Send the history as ${NDJSON} (one JSON event per line), not ${sent}`,
    );
    const report = await this.importHistory.execute(body);
    return importAnswer(
      report,
      reply,
      `${report.rejected} of ${report.read} lines rejected; the other lines were imported ` +
        `and a corrected re-run is idempotent`,
    );
  }
}
