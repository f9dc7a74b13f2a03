import { CurrentActor, Permission, RequirePermission, UsersService } from '@capability/auth';
import { Idempotent, IfMatch, mapPage, type Actor, type Page } from '@capability/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyProblems, ApiNotModified, ApiPage, ApiProblems } from '../common/api-responses.js';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserResponse } from './users.dto.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UserRead)
  @ApiOperation({ summary: 'List users, oldest first' })
  @ApiPage(UserResponse)
  @ApiProblems(401, 403)
  async list(@Query() query: ListUsersQuery): Promise<Page<UserResponse>> {
    return mapPage(await this.users.list(query, query), (u) => UserResponse.from(u));
  }

  @Post()
  @RequirePermission(Permission.UserCreate)
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBodyProblems(401, 403, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserResponse> {
    return UserResponse.from(await this.users.create(actor, body));
  }

  @Get(':id')
  @RequirePermission(Permission.UserRead)
  @ApiOperation({ summary: 'Read a user (the ETag header carries its version)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotModified()
  @ApiProblems(414, 401, 403, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.from(await this.users.get(id));
  }

  @Patch(':id')
  @RequirePermission(Permission.UserUpdate)
  @ApiOperation({ summary: 'Change a user: roles, role families, staff link, disable or enable, password' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from reading the user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiBodyProblems(414, 401, 403, 404, 409, 412, 422, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatch('user') version: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return UserResponse.from(await this.users.update(actor, id, version, body));
  }
}
