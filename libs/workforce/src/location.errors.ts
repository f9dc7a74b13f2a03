import { DomainError } from '@capability/platform';

export class LocationNotFound extends DomainError {
  readonly code = 'location-not-found';
  readonly status = 404;
  readonly title = 'Location not found';
  constructor(id: string) {
    super(`No location with id ${id}`);
  }
}
