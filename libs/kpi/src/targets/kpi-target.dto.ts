import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsUUID } from 'class-validator';
import { TARGET_KPIS, TargetDirection, TargetKpi } from './kpi-target-definitions';

export class SetKpiTargetDto {
  @ApiProperty({ example: 0.7, description: 'In the KPI’s unit: fraction 0–1, CSAT score 0–100, or seconds' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a number' })
  value!: number;

  @ApiPropertyOptional({ description: 'Set a team override; omit for the desk-wide target' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a team id' })
  teamId?: string;
}

export class RemoveKpiTargetQuery {
  @ApiPropertyOptional({ description: 'Remove this team’s override; omit to remove the desk-wide target' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a team id' })
  teamId?: string;
}

class AgentRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class KpiTargetView {
  @ApiProperty({ enum: TARGET_KPIS }) kpi!: TargetKpi;
  @ApiProperty({ enum: ['at_least', 'at_most'] }) direction!: TargetDirection;
  @ApiPropertyOptional({ nullable: true, description: 'null: desk-wide' }) teamId!: string | null;
  @ApiProperty() value!: number;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ type: AgentRef, nullable: true, description: 'null: the seeded default' })
  updatedBy!: AgentRef | null;
}

export class KpiTargetDefinitionView {
  @ApiProperty({ enum: TARGET_KPIS }) kpi!: TargetKpi;
  @ApiProperty({ enum: ['at_least', 'at_most'] }) direction!: TargetDirection;
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
}

export class KpiTargetsView {
  @ApiProperty({ type: [KpiTargetDefinitionView], description: 'The KPIs a target can be set for' })
  definitions!: KpiTargetDefinitionView[];

  @ApiProperty({ type: [KpiTargetView], description: 'Desk-wide targets and team overrides' })
  targets!: KpiTargetView[];
}

/** One agent's effective target for a KPI and whether the period's figure meets it. */
export interface AgentKpiTarget {
  target: number;
  direction: TargetDirection;
  met: boolean | null;
}

/** `targets` of `GET /api/kpis/agents`: per agent id, per KPI. */
export type AgentKpiTargets = Record<string, Partial<Record<TargetKpi, AgentKpiTarget>>>;
