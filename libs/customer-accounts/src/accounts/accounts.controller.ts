import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent } from '@ledgerdesk/agents';
import { AsOfQuery } from '../ledger/as-of.query';
import { CreateAccountDto, UpdateAccountDto } from './account.dto';
import { AccountPage, AccountView } from './account.view';
import { AccountsQueries, SearchAccountsQuery } from './accounts.queries';
import { CreateAccountUseCase } from './create-account.usecase';
import { UpdateAccountUseCase } from './update-account.usecase';
import { ParseIdPipe } from '@ledgerdesk/shared';

@ApiTags('customer accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly queries: AccountsQueries,
    private readonly createAccount: CreateAccountUseCase,
    private readonly updateAccount: UpdateAccountUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: AccountPage })
  search(@Query() query: SearchAccountsQuery): Promise<AccountPage> {
    return this.queries.search(query);
  }

  @Post()
  @ApiCreatedResponse({ type: AccountView })
  async create(
    @Body() body: CreateAccountDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AccountView> {
    return this.queries.view(await this.createAccount.execute(body, agent));
  }

  @Get(':id')
  @ApiOkResponse({ type: AccountView })
  get(@Param('id', ParseIdPipe) id: string, @Query() query: AsOfQuery): Promise<AccountView> {
    return this.queries.view(id, query.asOf);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AccountView })
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateAccountDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AccountView> {
    await this.updateAccount.execute(id, body, agent);
    return this.queries.view(id);
  }
}
