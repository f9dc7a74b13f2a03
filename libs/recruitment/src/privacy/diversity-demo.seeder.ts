import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_CANDIDATE_DOMAIN } from '../applications/applications-demo.seeder.js';

/**
 * A weighted draw from `hashtext(<salt> || candidate id)`: each answer repeated by its weight. Common answers fill
 * cells well over 5 for a vacancy; rare ones (some religions, older age bands) stay under it, so the demo aggregate
 * shows both shown and suppressed cells.
 */
function draw(salt: string, weighted: Record<string, number>): string {
  const options = Object.entries(weighted).flatMap(([answer, weight]) => Array<string>(weight).fill(`'${answer}'`));
  return `(ARRAY[${options.join(', ')}])[1 + abs(hashtext('${salt}' || c.id::text)) % ${options.length}]`;
}

/**
 * The demo department's diversity-monitoring answers: about seven in ten demo candidates ("Demo candidate NNNN" at
 * candidates.example) answered, as through their candidate link, on the day they applied; drawn set-based from
 * `hashtext()` over their ids (the same demo gives the same answers). Consents to be kept come with the candidates
 * (demo-recruitment-applications). Skipped when any answer exists.
 */
@Injectable()
@Seeder({ name: 'demo-recruitment-diversity', order: 190, demo: true })
export class DiversityDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(DiversityDemoSeeder.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    if ((await sql.query<unknown[]>('SELECT 1 FROM diversity_answers LIMIT 1')).length > 0) return;
    const inserted: unknown[] = await sql.query(
      `INSERT INTO diversity_answers (candidate_id, age_band, sex, ethnicity_group, disability, sexual_orientation,
                                      religion, answered_on)
       SELECT c.id,
              ${draw('age', { '16-24': 6, '25-34': 9, '35-44': 4, '45-54': 2, '55-64': 1, 'prefer-not-to-say': 1 })},
              ${draw('sex', { female: 9, male: 10, 'prefer-not-to-say': 1 })},
              ${draw('ethnicity', { asian: 4, black: 2, mixed: 1, white: 12, other: 1, 'prefer-not-to-say': 1 })},
              ${draw('disability', { yes: 3, no: 16, 'prefer-not-to-say': 1 })},
              ${draw('orientation', { bisexual: 1, 'gay-or-lesbian': 1, heterosexual: 16, 'prefer-not-to-say': 2 })},
              ${draw('religion', {
                'no-religion': 20,
                buddhist: 1,
                christian: 10,
                hindu: 2,
                jewish: 1,
                muslim: 3,
                sikh: 1,
                other: 1,
                'prefer-not-to-say': 3,
              })},
              c.created_at::date
         FROM candidates c
        WHERE c.email LIKE '%@' || $1 AND c.anonymised_at IS NULL AND abs(hashtext('answers' || c.id::text)) % 10 < 7
       RETURNING 1`,
      [DEMO_CANDIDATE_DOMAIN],
    );
    if (inserted.length > 0) this.logger.log({ answers: inserted.length }, 'Demo diversity answers loaded');
  }
}
