import { ROLES, type Role, type User } from '@capability/auth';
import { PageQuery } from '@capability/platform';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class CreateUserDto {
  @ApiProperty({ example: 'jo.bloggs@department.example', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Jo Bloggs', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['staff'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({
    type: [String],
    example: ['data'],
    description: 'Role-family slugs a head of profession leads',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(SLUG, { each: true, message: 'each role family must be a slug such as "data"' })
  roleFamilies?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The staff record this user is' })
  @IsOptional()
  @IsUUID()
  staffId?: string | null;

  @ApiPropertyOptional({
    minLength: 12,
    maxLength: 200,
    format: 'password',
    description: 'Omit for identity-provider-only users',
  })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 255,
    description: "The user's subject (sub) at the configured identity provider, for single sign-on",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  oidcSubject?: string | null;
}

/** Every field of a new user but the email, all optional; plus enabling and disabling. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email'] as const)) {
  @ApiPropertyOptional({ description: 'Disable (a leaver: every session ends at once) or enable again' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'true: only disabled users; false: only enabled' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'Email starts with', maxLength: 254 })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: [String] }) roleFamilies: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'Can sign in with a password (else only through the identity provider)' })
  hasPassword: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Subject at the identity provider, when linked' })
  oidcSubject: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Send as If-Match (the ETag) to change this user' }) version: number;

  static from(user: User): UserResponse {
    return Object.assign(new UserResponse(), {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      roleFamilies: user.roleFamilies,
      staffId: user.staffId,
      disabled: user.disabledAt !== null,
      hasPassword: user.passwordHash !== null,
      oidcSubject: user.oidcSubject,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
      version: user.version,
    });
  }
}
