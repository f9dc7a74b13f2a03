import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OGL_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. ' +
  'Source: Government Digital and Data Profession Capability Framework, CDDO.';

const DESCRIPTION = `Know and grow the digital capability of a department's people: the DDaT capability framework,
staff and their roles, skills reviews, digital inclusion, learning and recruitment.

Errors are RFC 9457 \`application/problem+json\` with a stable \`type\` per error. Lists are keyset-paginated
(\`limit\` 1-100, \`cursor\` from \`nextCursor\`). Changes to shared resources need \`If-Match\` with the ETag you read
(428 without it, 412 when stale). Creating POSTs accept \`Idempotency-Key\`.

Access tokens (ES256 JWTs, 15 minutes) come from \`POST /api/v1/auth/login\`; the public keys are at
\`/.well-known/jwks.json\`. The \`/api/v1/candidate-link\` routes take a candidate's link token instead, and
nothing else does.

${OGL_ATTRIBUTION}`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('DDaT Capability Manager API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense(
      'Framework data: Open Government Licence v3.0',
      'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'cl_…',
        description:
          'The token of a candidate link (emailed to the candidate); only the /candidate-link routes take it',
      },
      'candidate-link',
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Serves the document at /api/openapi.json and Swagger UI at /api/docs. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'DDaT Capability Manager API',
    swaggerOptions: { persistAuthorization: false },
  });
}
