import {
  ACTION_KINDS,
  ACTION_STATUSES,
  PLAN_STATUSES,
  TARGET_KINDS,
  type ActionKind,
  type ActionPlan,
  type ActionPlanAction,
  type ActionStatus,
  type PlanDetail,
  type PlanProgress,
  type PlanStatus,
  type PriorityDetail,
  type PriorityProgress,
  type TargetKind,
} from '@capability/learning';
import { PageQuery } from '@capability/platform';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ISO_DATE, SLUG } from '../../workforce/role-assignments.dto.js';

export class CreateActionPlanDto {
  @ApiProperty({ maxLength: 200, example: 'Data engineering in the Data family, 2026-27' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A unit plan: the unit and its subtree (give this or roleFamilySlug)',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    example: 'data',
    description: 'A family plan: a role family of the current framework (give this or unitId)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleFamilySlug must be a slug such as "data"' })
  roleFamilySlug?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who owns the plan (a head of profession, a unit lead); you by default',
  })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  @Matches(ISO_DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2027-03-31', description: 'After startsOn' })
  @Matches(ISO_DATE, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn: string;
}

export class UpdateActionPlanDto extends PartialType(
  PickType(CreateActionPlanDto, ['title', 'startsOn', 'endsOn'] as const),
) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Hand the plan to another user' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;
}

export class ListActionPlansQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

export class CreatePriorityDto {
  @ApiProperty({
    enum: TARGET_KINDS,
    description:
      'skill-met-share: % of the people meeting the required level of the skill (validated ratings, latest review); ' +
      'inclusion-share: % at inclusion level 7 or above (latest assessment); hires: a count against a role level',
  })
  @IsIn(TARGET_KINDS)
  targetKind: TargetKind;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 120,
    example: 'data-engineering',
    description: 'skill-met-share only: a skill of the current framework (as the gaps name it)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(SLUG, { message: 'skillSlug must be a slug such as "data-engineering"' })
  skillSlug?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    description: 'Narrows the people to a role level of the current framework; required for hires',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleLevelSlug must be a slug' })
  roleLevelSlug?: string | null;

  @ApiProperty({ minimum: 0, maximum: 100000, example: 70, description: 'A percentage (0–100) or a count (hires)' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100000)
  targetValue: number;

  @ApiProperty({ format: 'date', example: '2027-03-31', description: "Within the plan's period" })
  @Matches(ISO_DATE, { message: 'dueOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dueOn: string;
}

export class CreateActionDto {
  @ApiProperty({ enum: ACTION_KINDS })
  @IsIn(ACTION_KINDS)
  kind: ActionKind;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'learning only: the catalogue item or event',
  })
  @IsOptional()
  @IsUUID()
  learningItemId?: string | null;

  @ApiProperty({ maxLength: 2000, example: 'Data engineering bootcamp for the six analysts in Border Force' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @ApiProperty({ maxLength: 200, example: 'Head of Data' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  owner: string;

  @ApiProperty({ format: 'date', example: '2026-09-30' })
  @Matches(ISO_DATE, { message: 'dueOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dueOn: string;
}

export class UpdateActionDto extends PartialType(
  PickType(CreateActionDto, ['description', 'owner', 'dueOn'] as const),
) {
  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;
}

export class ActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) priorityId: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind: ActionKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) learningItemId: string | null;
  @ApiProperty() description: string;
  @ApiProperty() owner: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static from(a: ActionPlanAction): ActionResponse {
    return Object.assign(new ActionResponse(), {
      id: a.id,
      priorityId: a.priorityId,
      kind: a.kind,
      learningItemId: a.learningItemId,
      description: a.description,
      owner: a.owner,
      dueOn: a.dueOn,
      status: a.status,
      version: a.version,
    });
  }
}

export class PriorityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TARGET_KINDS }) targetKind: TargetKind;
  @ApiProperty({ type: String, nullable: true }) skillSlug: string | null;
  @ApiProperty({ type: String, nullable: true }) roleLevelSlug: string | null;
  @ApiProperty() targetValue: number;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The figure when the plan was activated (null: a draft, or fewer than 5 people then)',
  })
  baselineValue: number | null;
  @ApiProperty({ type: [ActionResponse] }) actions: ActionResponse[];

  static from(d: PriorityDetail): PriorityResponse {
    const p = d.priority;
    return Object.assign(new PriorityResponse(), {
      id: p.id,
      targetKind: p.targetKind,
      skillSlug: p.skillSlug,
      roleLevelSlug: p.roleLevelSlug,
      targetValue: Number(p.targetValue),
      dueOn: p.dueOn,
      baselineValue: p.baselineValue === null ? null : Number(p.baselineValue),
      actions: d.actions.map((a) => ActionResponse.from(a)),
    });
  }
}

export class ActionPlanSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty({ type: String, nullable: true }) roleFamilySlug: string | null;
  @ApiProperty({ format: 'uuid' }) ownerUserId: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) activatedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static fields(p: ActionPlan) {
    return {
      id: p.id,
      title: p.title,
      unitId: p.unitId,
      roleFamilySlug: p.roleFamilySlug,
      ownerUserId: p.ownerUserId,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      status: p.status,
      activatedAt: p.activatedAt?.toISOString() ?? null,
      closedAt: p.closedAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      version: p.version,
    };
  }

  static from(p: ActionPlan): ActionPlanSummaryResponse {
    return Object.assign(new ActionPlanSummaryResponse(), ActionPlanSummaryResponse.fields(p));
  }
}

export class ActionPlanResponse extends ActionPlanSummaryResponse {
  @ApiProperty({ type: [PriorityResponse] }) priorities: PriorityResponse[];

  static fromDetail(d: PlanDetail): ActionPlanResponse {
    return Object.assign(new ActionPlanResponse(), {
      ...ActionPlanSummaryResponse.fields(d.plan),
      priorities: d.priorities.map((p) => PriorityResponse.from(p)),
    });
  }
}

export class PriorityProgressResponse {
  @ApiProperty({ format: 'uuid' }) priorityId: string;
  @ApiProperty({ enum: TARGET_KINDS }) targetKind: TargetKind;
  @ApiProperty({ type: String, nullable: true }) skillSlug: string | null;
  @ApiProperty({ type: String, nullable: true }) roleLevelSlug: string | null;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ type: Number, nullable: true, description: 'People counted now (null: hires, or suppressed)' })
  people: number | null;
  @ApiProperty({ description: 'Fewer than 5 people: no figures' }) suppressed: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'The figure now (a percentage, or a count for hires)' })
  now: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The figure at the plan's activation" })
  baseline: number | null;
  @ApiProperty() target: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'On the straight line from the baseline at the start to the target at the due date, today',
  })
  expectedNow: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'now ≥ expectedNow; null when either is unknown' })
  onTrack: boolean | null;
  @ApiProperty({ description: "Verified completions, since the plan's start, of its learning actions' items" })
  learningCompletions: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;

  static from(p: PriorityProgress): PriorityProgressResponse {
    return Object.assign(new PriorityProgressResponse(), {
      priorityId: p.priority.id,
      targetKind: p.priority.targetKind,
      skillSlug: p.priority.skillSlug,
      roleLevelSlug: p.priority.roleLevelSlug,
      dueOn: p.priority.dueOn,
      people: p.people,
      suppressed: p.suppressed,
      now: p.now,
      baseline: p.baseline,
      target: p.target,
      expectedNow: p.expectedNow,
      onTrack: p.onTrack,
      learningCompletions: p.learningCompletions,
      note: p.note,
    });
  }
}

export class ActionPlanProgressResponse {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) measuredOn: string;
  @ApiProperty({ type: [PriorityProgressResponse] }) priorities: PriorityProgressResponse[];

  static from(p: PlanProgress): ActionPlanProgressResponse {
    return Object.assign(new ActionPlanProgressResponse(), {
      planId: p.plan.id,
      status: p.plan.status,
      startsOn: p.plan.startsOn,
      measuredOn: p.measuredOn,
      priorities: p.priorities.map((x) => PriorityProgressResponse.from(x)),
    });
  }
}
