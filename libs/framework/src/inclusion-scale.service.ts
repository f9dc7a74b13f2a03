import { Injectable } from '@nestjs/common';
import { readShippedJson, SHIPPED_INCLUSION_SCALE_PATH } from './shipped-data.js';

/** The department's target: every member of staff at 7 ("Basic digital skills") or above. */
export const INCLUSION_TARGET_LEVEL = 7;

/** A point of the GOV.UK 9-point digital inclusion scale (1 "Never have, never will" … 9 "Expert"). */
export interface InclusionLevel {
  level: number;
  name: string;
  /** A short paraphrase of what the point means. */
  meaning: string;
}

/** The digital inclusion scale, as shipped in `libs/framework/data/digital-inclusion-scale.json`. */
@Injectable()
export class InclusionScaleService {
  private cached: InclusionLevel[] | undefined;

  /** The nine levels, 1 first. Read once; the file ships with the product and never changes at run time. */
  levels(): InclusionLevel[] {
    this.cached ??= this.read();
    return this.cached;
  }

  private read(): InclusionLevel[] {
    const data = readShippedJson(SHIPPED_INCLUSION_SCALE_PATH) as { levels?: Partial<InclusionLevel>[] };
    const levels = (data.levels ?? []).map((l) => ({ level: l.level, name: l.name, meaning: l.meaning }));
    const valid =
      levels.length === 9 &&
      levels.every((l, i) => l.level === i + 1 && typeof l.name === 'string' && typeof l.meaning === 'string');
    if (!valid) {
      throw new Error(`${SHIPPED_INCLUSION_SCALE_PATH} must hold levels 1 to 9, each with a name and meaning`);
    }
    return levels as InclusionLevel[];
  }
}
