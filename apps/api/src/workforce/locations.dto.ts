import { PageQuery } from '@capability/platform';
import type { Location } from '@capability/workforce';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** 'true' / 'false' in a query string; anything else stays as given and fails @IsBoolean. */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateLocationDto {
  @ApiProperty({ example: 'MAN-PIC', maxLength: 50, pattern: CODE.source, description: "The HR system's code" })
  @IsString()
  @MaxLength(50)
  @Matches(CODE, { message: 'code must be letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ example: 'Manchester, Piccadilly Place', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'North West', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region: string;

  @ApiPropertyOptional({ default: false, description: "One of the department's regional digital hubs" })
  @IsOptional()
  @IsBoolean()
  isRegionalHub?: boolean;
}

export class UpdateLocationDto extends PartialType(CreateLocationDto, { skipNullProperties: false }) {}

export class ListLocationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'North West', description: 'Region (any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ description: 'true: only regional hubs; false: only other locations' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  isRegionalHub?: boolean;
}

export class LocationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() region: string;
  @ApiProperty() isRegionalHub: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Send as If-Match (the ETag) to change this location' }) version: number;

  static from(location: Location): LocationResponse {
    return Object.assign(new LocationResponse(), {
      id: location.id,
      code: location.code,
      name: location.name,
      region: location.region,
      isRegionalHub: location.isRegionalHub,
      createdAt: location.createdAt.toISOString(),
      updatedAt: location.updatedAt.toISOString(),
      version: location.version,
    });
  }
}
