import {
  ACTION_AUDIENCES,
  ACTION_KINDS,
  ACTION_STATUSES,
  MAX_ACTION_PAIRS,
  MAX_ACTION_PEOPLE,
  PLAN_STATUSES,
  TARGET_KINDS,
  type ActionAudience,
  type ActionDetail,
  type ActionKind,
  type ActionPlan,
  type ActionProgress,
  type ActionStatus,
  type PersonRef,
  type PlanDetail,
  type PlanProgress,
  type PlanStatus,
  type PriorityDetail,
  type PriorityProgress,
  type TargetKind,
} from '@capability/learning';
import { PageQuery } from '@capability/platform';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
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

export class ActionGroupDto {
  @ApiProperty({
    format: 'uuid',
    description: "An organisation unit: its people and its subtree's (within a unit plan's unit)",
  })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    description:
      "Narrows the group to the people whose current primary role is this role level of the current framework (a family plan's family)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG, { message: 'roleLevelSlug must be a slug' })
  roleLevelSlug?: string | null;
}

export class ActionPairDto {
  @ApiProperty({ format: 'uuid', description: 'The mentor, or the person shadowed: any active member of staff' })
  @IsUUID()
  mentorStaffId: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The mentee, or the person shadowing: an active member of staff the plan covers, not the mentor',
  })
  @IsUUID()
  menteeStaffId: string;
}

/** Whom an action is for, as create and edit take it. */
class ActionAudienceDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    isArray: true,
    maxItems: MAX_ACTION_PEOPLE,
    nullable: true,
    description:
      'learning only: the people it is for, each an active member of staff the plan covers (not with group; ' +
      'neither: everyone the plan covers). On an edit it replaces the people named (and, naming any, the group)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ACTION_PEOPLE)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  staffIds?: string[] | null;

  @ApiPropertyOptional({
    type: ActionGroupDto,
    nullable: true,
    description:
      'learning only: a group it is for, meaning its members whom the plan covers (in a family plan, the ' +
      "unit's people of that family; not with staffIds). On an edit it replaces the group (and the people named); " +
      'null removes it',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ActionGroupDto)
  group?: ActionGroupDto | null;

  @ApiPropertyOptional({
    type: [ActionPairDto],
    maxItems: MAX_ACTION_PAIRS,
    nullable: true,
    description: 'shadowing only: mentor and mentee pairs, each once. On an edit it replaces the pairs',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ACTION_PAIRS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActionPairDto)
  pairs?: ActionPairDto[] | null;
}

export class CreateActionDto extends ActionAudienceDto {
  @ApiProperty({
    enum: ACTION_KINDS,
    description:
      'learning: a catalogue item or event for named people, a group or everyone the plan covers; shadowing: ' +
      'mentoring or shadowing pairs; campaign: a recruitment campaign, described in free text until recruitment ' +
      'exists; text: anything else, in free text',
  })
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
  PickType(CreateActionDto, ['description', 'owner', 'dueOn', 'staffIds', 'group', 'pairs'] as const),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;
}

export class PersonRefResponse {
  @ApiProperty({ format: 'uuid', description: 'The staff record' }) id: string;
  @ApiProperty() name: string;
}

export class ActionGroupResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, nullable: true }) roleLevelSlug: string | null;
}

export class ActionPairResponse {
  @ApiProperty({ type: PersonRefResponse }) mentor: PersonRefResponse;
  @ApiProperty({ type: PersonRefResponse }) mentee: PersonRefResponse;
}

const personRef = (p: PersonRef): PersonRefResponse => Object.assign(new PersonRefResponse(), p);

export class ActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) priorityId: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind: ActionKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) learningItemId: string | null;
  @ApiProperty({
    enum: ACTION_AUDIENCES,
    nullable: true,
    description: 'learning: whom it is for (the people named, a group, or everyone the plan covers); null otherwise',
  })
  audience: ActionAudience | null;
  @ApiProperty({ type: [PersonRefResponse], description: 'The people a learning action names, by name' })
  people: PersonRefResponse[];
  @ApiProperty({ type: ActionGroupResponse, nullable: true, description: 'The group a learning action is for' })
  group: ActionGroupResponse | null;
  @ApiProperty({ type: [ActionPairResponse], description: "A shadowing action's pairs" })
  pairs: ActionPairResponse[];
  @ApiProperty() description: string;
  @ApiProperty() owner: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ description: 'The ETag; send it back in If-Match to edit' }) version: number;

  static from(d: ActionDetail): ActionResponse {
    const a = d.action;
    return Object.assign(new ActionResponse(), {
      id: a.id,
      priorityId: a.priorityId,
      kind: a.kind,
      learningItemId: a.learningItemId,
      audience: d.audience,
      people: d.people.map(personRef),
      group: d.group ? Object.assign(new ActionGroupResponse(), d.group) : null,
      pairs: d.pairs.map((p) =>
        Object.assign(new ActionPairResponse(), { mentor: personRef(p.mentor), mentee: personRef(p.mentee) }),
      ),
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

export class ActionProgressResponse {
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind: ActionKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) learningItemId: string | null;
  @ApiProperty({ enum: ACTION_AUDIENCES, nullable: true }) audience: ActionAudience | null;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      "learning: its people now (those named; a group's active members the plan covers; or everyone it covers); " +
      'null when suppressed and for the other kinds',
  })
  people: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "learning: how many of them have a verified completion of its item since the plan's start",
  })
  completed: number | null;
  @ApiProperty({ description: 'learning: fewer than 5 people, so no figures' }) suppressed: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'shadowing: the number of pairs' }) pairs: number | null;

  static from(p: ActionProgress): ActionProgressResponse {
    return Object.assign(new ActionProgressResponse(), {
      actionId: p.action.id,
      kind: p.action.kind,
      learningItemId: p.action.learningItemId,
      audience: p.audience,
      status: p.action.status,
      people: p.people,
      completed: p.completed,
      suppressed: p.suppressed,
      pairs: p.pairs,
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
  @ApiProperty({
    description:
      "The people of the priority's learning actions with a verified completion of the action's item since the " +
      "plan's start (each person and item once); actions of fewer than 5 people are left out, as their figures are",
  })
  learningCompletions: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: () => [ActionProgressResponse] }) actions: ActionProgressResponse[];

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
      actions: p.actions.map((a) => ActionProgressResponse.from(a)),
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
