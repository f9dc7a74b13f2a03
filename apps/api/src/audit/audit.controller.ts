import { Permission, RequirePermission } from '@capability/auth';
import { AuditService, mapPage, PageQuery, type AuditEvent, type Page } from '@capability/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ApiPage, ApiProblems } from '../common/api-responses.js';

export class ListAuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-z0-9_-]*$/)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'user.updated' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-z0-9_.-]*$/)
  action?: string;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ example: 'user.updated' }) action: string;
  @ApiProperty({ example: 'user' }) entityType: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) entityId: string | null;
  @ApiProperty({ type: [String], description: 'Names of the fields changed; never their values' })
  changedFields: string[];
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: "Facts that are not personal data, such as an import's counts",
  })
  details: Record<string, string | number | boolean> | null;

  static from(e: AuditEvent): AuditEventResponse {
    return Object.assign(new AuditEventResponse(), {
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      actorUserId: e.actorUserId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      changedFields: e.changedFields,
      requestId: e.requestId,
      details: e.details,
    });
  }
}

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'The audit trail, newest first' })
  @ApiPage(AuditEventResponse)
  @ApiProblems(401, 403)
  async list(@Query() query: ListAuditEventsQuery): Promise<Page<AuditEventResponse>> {
    return mapPage(await this.audit.list(query, query), (e) => AuditEventResponse.from(e));
  }
}
