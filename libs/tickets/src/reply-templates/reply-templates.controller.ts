import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { ReplyTemplateDto, ReplyTemplateView } from './reply-template.dto';
import { ReplyTemplates } from './reply-templates.service';

@ApiTags('reply-templates')
@ApiBearerAuth()
@Controller('reply-templates')
export class ReplyTemplatesController {
  constructor(private readonly templates: ReplyTemplates) {}

  @Get()
  @ApiOkResponse({ type: [ReplyTemplateView], description: 'Every template, by name' })
  list(): Promise<ReplyTemplateView[]> {
    return this.templates.list();
  }

  @Post()
  @Roles('supervisor', 'admin')
  @ApiCreatedResponse({ type: ReplyTemplateView })
  create(
    @Body() body: ReplyTemplateDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<ReplyTemplateView> {
    return this.templates.create(body, agent);
  }

  @Put(':id')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: ReplyTemplateView })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReplyTemplateDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<ReplyTemplateView> {
    return this.templates.update(id, body, agent);
  }

  @Delete(':id')
  @Roles('supervisor', 'admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.templates.remove(id);
  }
}
