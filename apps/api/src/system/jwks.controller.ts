import { Public, SigningKeys, type PublicJwk } from '@capability/auth';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Public keys that verify the access tokens this service issues (JWKS)' })
  @ApiOkResponse({
    schema: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object' } } } },
  })
  jwks(): { keys: PublicJwk[] } {
    return this.keys.publicJwks();
  }
}
