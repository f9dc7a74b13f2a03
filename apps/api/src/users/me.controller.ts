import { CurrentActor, Permission, RequirePermission, UsersService } from '@capability/auth';
import { SCOPES, type Actor, type Scope } from '@capability/platform';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiNotModified, ApiProblems } from '../common/api-responses.js';
import { UserResponse } from './users.dto.js';

export class PermissionGrant {
  @ApiProperty({ example: 'me:read' }) permission: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes: Scope[];
}

export class MeResponse extends UserResponse {
  @ApiProperty({ type: [PermissionGrant], description: 'What this user may do, and how far' })
  permissions: PermissionGrant[];
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.MeRead)
  @ApiOperation({ summary: 'The signed-in user, with their permissions' })
  @ApiOkResponse({ type: MeResponse })
  @ApiNotModified()
  @ApiProblems(401)
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    const user = UserResponse.from(await this.users.get(actor.userId));
    const permissions = Object.entries(actor.permissions).map(([permission, scopes]) => ({
      permission,
      scopes: [...scopes],
    }));
    return Object.assign(new MeResponse(), user, { permissions });
  }
}
