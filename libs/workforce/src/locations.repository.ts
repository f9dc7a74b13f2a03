import {
  paginate,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';

import { Location } from './location.entity.js';

export interface LocationFilter {
  region?: string;
  isRegionalHub?: boolean;
}

export type LocationPatch = Partial<Pick<Location, 'code' | 'name' | 'region' | 'isRegionalHub'>>;

@Injectable()
export class LocationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(Location);
  }

  findById(id: string): Promise<Location | null> {
    return this.repo.findOneBy({ id });
  }

  async insert(location: Pick<Location, 'code' | 'name' | 'region' | 'isRegionalHub'>): Promise<Location> {
    const rows = await this.repo.createQueryBuilder().insert().values(location).returning('*').execute();
    return this.repo.create(rows.generatedMaps[0] as Location);
  }

  /** Optimistic update: only when the stored version is `version`; null if none matched. */
  async updateIfVersion(id: string, version: number, patch: LocationPatch): Promise<Location | null> {
    return updateIfVersion(this.repo, id, version, patch);
  }

  /** By name. */
  list(filter: LocationFilter, page: PageQuery): Promise<Page<Location>> {
    const qb = this.repo.createQueryBuilder('l');
    if (filter.region) qb.andWhere('lower(l.region) = lower(:region)', { region: filter.region });
    if (filter.isRegionalHub !== undefined) qb.andWhere('l.is_regional_hub = :hub', { hub: filter.isRegionalHub });
    return paginate(qb, page, [
      { column: 'l.name', value: (l) => l.name },
      { column: 'l.id', value: (l) => l.id },
    ]);
  }
}
