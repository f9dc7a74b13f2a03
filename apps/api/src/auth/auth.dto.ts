import type { TokenPair } from '@capability/auth';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Trimmed and lower-cased before it is validated: the account it names, and the key its failed sign-ins count under. */
const normalizedEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class LoginDto {
  @ApiProperty({ example: 'admin@department.example', maxLength: 254 })
  @Transform(normalizedEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 1, maxLength: 200, format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from login or the last refresh; each is good once' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Ends the session this refresh token belongs to' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;

  @ApiPropertyOptional({ description: 'End every session of this user, on every device', default: false })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

export class TokenResponse {
  @ApiProperty({ description: 'ES256 JWT for "Authorization: Bearer"' }) accessToken: string;
  @ApiProperty({ description: 'Opaque; exchange once at /auth/refresh for a new pair' }) refreshToken: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';

  static from(pair: TokenPair): TokenResponse {
    return Object.assign(new TokenResponse(), pair);
  }
}
