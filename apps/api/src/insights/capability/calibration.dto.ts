import type { Calibration } from '@capability/insights';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG } from '../../workforce/role-assignments.dto.js';

export class CalibrationQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The review cycle (open or closed; default: the one closed last; an unknown one is 404)',
  })
  @IsOptional()
  @IsUUID()
  cycleId?: string;

  @ApiPropertyOptional({ example: 'data', description: 'Only this role family (a slug; as the cycle snapshotted it)' })
  @IsOptional()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamily must be a slug such as "data"' })
  roleFamily?: string;
}

const nullableNumber = (description: string, example?: number) =>
  ApiProperty({ type: Number, nullable: true, description, example });

export class CalibrationFiguresDto {
  @nullableNumber('Reviewees with at least one rating counted') people: number | null;
  @nullableNumber('Ratings with both a self and a validated level, in validated reviews') ratings: number | null;
  @nullableNumber('Mean self-assessed level, 2 decimals', 2.4) meanSelf: number | null;
  @nullableNumber('Mean validated level, 2 decimals', 2.1) meanValidated: number | null;
  @nullableNumber('Mean of validated − self, 2 decimals (negative: validated lower)', -0.3)
  meanDifference: number | null;
  @nullableNumber('Share of ratings validated at the self level, %, 1 decimal') percentAgreed: number | null;
  @nullableNumber('Share validated above the self level, %, 1 decimal') percentRaised: number | null;
  @nullableNumber('Share validated below the self level, %, 1 decimal') percentLowered: number | null;
  @nullableNumber('Ratings flagged for calibration (self and validated two or more levels apart)') flagged:
    number | null;
  @ApiProperty({ description: 'Fewer than k people, or hidden so that a small row cannot be worked out' })
  suppressed: boolean;
}

export class CalibrationRowDto extends CalibrationFiguresDto {
  @ApiProperty({ description: "Family slug, or the validator's staff id (`none`: no validator on record)" })
  id: string;
  @ApiProperty() label: string;
}

export class CalibrationRankedDto {
  @ApiProperty({ description: "The validator's staff id" }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Reviewees (at least k)' }) people: number;
  @ApiProperty({ description: 'Mean of validated − self, 2 decimals' }) meanDifference: number;
}

export class CalibrationFiltersDto {
  @ApiPropertyOptional() roleFamily?: string;
}

export class CalibrationResponse {
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty() cycleName: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed'] }) cycleState: string;
  @ApiProperty({ description: 'The fewest people a shown figure rests on' }) k: number;
  @ApiProperty({ type: CalibrationFiltersDto }) filters: CalibrationFiltersDto;
  @ApiProperty({ type: [CalibrationRowDto], description: 'Per role family (the cycle snapshot)' })
  families: CalibrationRowDto[];
  @ApiProperty({ type: [CalibrationRowDto], description: "Per validating manager: their team's reviews" })
  managers: CalibrationRowDto[];
  @ApiProperty({ type: CalibrationFiguresDto }) total: CalibrationFiguresDto;
  @ApiProperty({
    type: [CalibrationRankedDto],
    description: 'Managers (shown rows, k people or more) by absolute mean difference, largest first; at most 10',
  })
  mostDifferent: CalibrationRankedDto[];

  static from(r: Calibration): CalibrationResponse {
    return { ...r, filters: { ...r.filters } };
  }
}
