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
import { BillingImportFile, BillingImportReport } from './billing-import-report';
import { ImportBillingUseCase } from './import-billing.usecase';

export const CSV = 'text/csv';

/** The 422 body: the API's error shape plus the report, so a client reads the counts either way. */
export type BillingImportRejectedBody = ImportRejection<BillingImportReport>;

const body = (columns: string): ApiBodyOptions => ({
  description:
    `CSV (RFC 4180, UTF-8) with a header row: ${columns}. Idempotent by natural key: importing ` +
    'the same file again changes nothing. See libs/customer-accounts/src/import/README.md.',
  schema: { type: 'string' },
});
type ApiBodyOptions = Parameters<typeof ApiBody>[0];

/**
 * Imports from the company's billing system, one CSV file per request, streamed. Send the
 * accounts first, then the invoices, then the payments.
 */
@ApiTags('billing import')
@ApiBearerAuth()
@Roles('admin')
@Controller('billing-import')
export class BillingImportController {
  constructor(private readonly importBilling: ImportBillingUseCase) {}

  @Post('accounts')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(CSV)
  @ApiBody(body('number,name,currency[,status,contact_email,contact_phone,contact_name,tax_id]'))
  @ApiOkResponse({ type: BillingImportReport, description: 'Every row was imported or already there' })
  @ApiUnprocessableEntityResponse({
    description: 'Some rows were rejected (listed in details); the others were imported',
  })
  accounts(
    @Req() request: StreamedImportRequest,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<BillingImportReport | BillingImportRejectedBody> {
    return this.import('accounts', request, reply);
  }

  @Post('invoices')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(CSV)
  @ApiBody(body('account_number,invoice_number,issue_date,due_date,currency,description,quantity,unit_price'))
  @ApiOkResponse({ type: BillingImportReport, description: 'Every row was imported or already there' })
  @ApiUnprocessableEntityResponse({
    description: 'Some rows were rejected (listed in details); the others were imported',
  })
  invoices(
    @Req() request: StreamedImportRequest,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<BillingImportReport | BillingImportRejectedBody> {
    return this.import('invoices', request, reply);
  }

  @Post('payments')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(CSV)
  @ApiBody(
    body('account_number,reference,amount,currency,method,received_at[,invoice_number,allocated_amount]'),
  )
  @ApiOkResponse({ type: BillingImportReport, description: 'Every row was imported or already there' })
  @ApiUnprocessableEntityResponse({
    description: 'Some rows were rejected (listed in details); the others were imported',
  })
  payments(
    @Req() request: StreamedImportRequest,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<BillingImportReport | BillingImportRejectedBody> {
    return this.import('payments', request, reply);
  }

  private async import(
    file: BillingImportFile,
    request: StreamedImportRequest,
    reply: StatusReply,
  ): Promise<BillingImportReport | BillingImportRejectedBody> {
    const body = streamedBody(request, CSV, (sent) => `Send the ${file} file as ${CSV}, not ${sent}`);
    const report = await this.importBilling.execute(file, body);
    return importAnswer(
      report,
      reply,
      `${report.rejected} rows of the ${file} file rejected; the other rows were imported ` +
        `and a corrected re-run is idempotent`,
    );
  }
}
