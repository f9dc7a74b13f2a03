import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageLocalsInterceptor } from './page-locals.interceptor.js';

/** A controller of web pages: outside the API's prefix and OpenAPI document, with the layout's locals. */
export const WebController = (path = ''): ClassDecorator =>
  applyDecorators(Controller(path), ApiExcludeController(), UseInterceptors(PageLocalsInterceptor));
