import { Module } from '@nestjs/common';
import { AgentsModule } from '@ledgerdesk/agents';
import { LiveGateway } from './live.gateway';

@Module({
  imports: [AgentsModule],
  providers: [LiveGateway],
})
export class LiveModule {}
