import type { Actor } from '@capability/platform';
import { permissionsFor } from './permissions.js';
import type { User } from './user.entity.js';

export function actorOf(user: User): Actor {
  return {
    userId: user.id,
    roles: user.roles,
    staffId: user.staffId,
    roleFamilies: user.roleFamilies,
    permissions: permissionsFor(user.roles),
  };
}
