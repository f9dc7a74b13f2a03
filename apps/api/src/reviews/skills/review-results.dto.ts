import type { ResultsImportResult } from '@capability/reviews';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../common/csv-import.js';

export class ReviewResultsImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Check the file and count what would change; write nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class ReviewResultsImportResponse {
  @ApiProperty({ description: 'True when nothing was written' })
  dryRun: boolean;

  @ApiProperty({ description: 'Data rows in the file' })
  rows: number;

  @ApiProperty({ description: 'Extra skills added to a review (skills its role level does not require)' })
  created: number;

  @ApiProperty({ description: 'Ratings whose self or validated level changed' })
  updated: number;

  @ApiProperty({ description: 'Rows identical to the service' })
  unchanged: number;

  @ApiProperty({ description: 'Reviews with at least one rating added or changed' })
  reviewsChanged: number;

  @ApiPropertyOptional({ description: 'Not on a dry run: reviews whose state the import moved' })
  statesChanged?: number;

  static from(result: ResultsImportResult): ReviewResultsImportResponse {
    const response = new ReviewResultsImportResponse();
    response.dryRun = result.dryRun;
    response.rows = result.rows;
    response.created = result.created;
    response.updated = result.updated;
    response.unchanged = result.unchanged;
    response.reviewsChanged = result.reviewsChanged;
    if (result.statesChanged !== undefined) response.statesChanged = result.statesChanged;
    return response;
  }
}
