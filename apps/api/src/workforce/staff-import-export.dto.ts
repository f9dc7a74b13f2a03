import type { ImportChange, ImportResult } from '@capability/workforce';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../common/csv-import.js';

export class StaffImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Check the file and report what would change; write nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Staff in the service but not in the file, and not leavers already, get leaving_date = today ' +
      '(future starters are left alone). Use only with a complete file.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  markMissingAsLeavers?: boolean;
}

export class StaffImportChangeResponse {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2,
    description: 'File row (header = row 1); null for a leaver',
  })
  row: number | null;

  @ApiProperty({ example: 'S000123' })
  staffNumber: string;

  @ApiProperty({ enum: ['created', 'updated', 'leaver'] })
  change: ImportChange['change'];

  @ApiProperty({ type: [String], example: ['grade_code', 'role_level_slug'], description: 'File columns that differ' })
  fields: string[];
}

export class StaffImportResponse {
  @ApiProperty({ description: 'True when nothing was written' })
  dryRun: boolean;

  @ApiProperty({ description: 'Data rows in the file' })
  rows: number;

  @ApiProperty({ description: 'Staff numbers new to the service' })
  created: number;

  @ApiProperty({ description: 'Existing staff with at least one column changed (a role change counts)' })
  updated: number;

  @ApiProperty({ description: 'Rows identical to the service' })
  unchanged: number;

  @ApiProperty({ description: 'Staff marked as leavers because the file leaves them out (markMissingAsLeavers)' })
  leavers: number;

  @ApiPropertyOptional({
    type: [StaffImportChangeResponse],
    description: 'Dry run only: up to 20 of the changes, file rows first',
  })
  sample?: StaffImportChangeResponse[];

  static from(result: ImportResult): StaffImportResponse {
    const response = new StaffImportResponse();
    response.dryRun = result.dryRun;
    response.rows = result.rows;
    response.created = result.created;
    response.updated = result.updated;
    response.unchanged = result.unchanged;
    response.leavers = result.leavers;
    if (result.sample) response.sample = result.sample.map((c) => ({ ...c }));
    return response;
  }
}
