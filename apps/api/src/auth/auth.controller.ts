import { AuthService, CurrentActor, Permission, Public, RequirePermission } from '@capability/auth';
import type { Actor } from '@capability/platform';
import { Body, Controller, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems } from '../common/api-responses.js';
import { LoginDto, LogoutDto, RefreshDto, TokenResponse } from './auth.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password; returns an access token and a refresh token' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiBodyProblems(401)
  // 429 also when the account or this client address has failed to sign in too often (LOGIN_RATE_LIMIT).
  async login(@Body() body: LoginDto, @Ip() ip: string): Promise<TokenResponse> {
    return TokenResponse.from(await this.auth.login(body.email, body.password, { ip }));
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (the old one is used up; reusing it ends the session)',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiBodyProblems(401)
  async refresh(@Body() body: RefreshDto): Promise<TokenResponse> {
    return TokenResponse.from(await this.auth.refresh(body.refreshToken));
  }

  @Post('logout')
  @RequirePermission(Permission.MeRead)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End this session (or, with everywhere, every session of the user)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiBodyProblems(401)
  async logout(@CurrentActor() actor: Actor, @Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(actor.userId, body.refreshToken, body.everywhere === true);
  }
}
