import type { Grade } from '@capability/workforce';
import { ApiProperty } from '@nestjs/swagger';

export class GradeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'G7' }) code: string;
  @ApiProperty({ example: 'Grade 7' }) name: string;
  @ApiProperty({ description: 'Junior (1) to senior; SCS1 and SCS1A share a rank', example: 6 }) rank: number;
  @ApiProperty({ enum: ['delegated', 'senior_civil_service'] }) group: 'delegated' | 'senior_civil_service';
  @ApiProperty({ example: 'Grade 7' }) broadGrade: string;

  static from(grade: Grade): GradeResponse {
    return Object.assign(new GradeResponse(), {
      id: grade.id,
      code: grade.code,
      name: grade.name,
      rank: grade.rank,
      group: grade.group,
      broadGrade: grade.broadGrade,
    });
  }
}

export class GradeListResponse {
  @ApiProperty({ type: [GradeResponse], description: 'Every grade, junior to senior (a short list: not paged)' })
  items: GradeResponse[];

  static from(grades: Grade[]): GradeListResponse {
    return Object.assign(new GradeListResponse(), { items: grades.map((g) => GradeResponse.from(g)) });
  }
}
