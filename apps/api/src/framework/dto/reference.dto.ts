import { INCLUSION_TARGET_LEVEL, type InclusionLevel } from '@capability/framework';
import { ApiProperty } from '@nestjs/swagger';

export class InclusionLevelResponse {
  @ApiProperty({ minimum: 1, maximum: 9, example: 7 }) level: number;
  @ApiProperty({ example: 'Basic digital skills' }) name: string;
  @ApiProperty({ description: 'A short paraphrase of what the point means' }) meaning: string;
  @ApiProperty({ description: "True for the department's target level (7)" }) isTarget: boolean;
}

export class InclusionLevelsResponse {
  @ApiProperty({
    example: INCLUSION_TARGET_LEVEL,
    description: "The department's target: every member of staff at this level or above",
  })
  targetLevel: number;
  @ApiProperty({ type: [InclusionLevelResponse], description: 'The nine points, 1 first' })
  items: InclusionLevelResponse[];

  static from(levels: InclusionLevel[]): InclusionLevelsResponse {
    return Object.assign(new InclusionLevelsResponse(), {
      targetLevel: INCLUSION_TARGET_LEVEL,
      items: levels.map((l) =>
        Object.assign(new InclusionLevelResponse(), {
          level: l.level,
          name: l.name,
          meaning: l.meaning,
          isTarget: l.level === INCLUSION_TARGET_LEVEL,
        }),
      ),
    });
  }
}
