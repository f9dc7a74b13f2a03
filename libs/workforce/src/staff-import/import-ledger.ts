import type { ImportRowError } from './staff-import.errors.js';

/** Reads line-management facts about staff who are in the database but not in the file. */
export interface StaffDirectory {
  /** Which of these staff numbers exist. */
  existing(staffNumbers: string[]): Promise<Set<string>>;
  /** Staff number → their line manager's staff number, for those of these who have one. */
  managersOf(staffNumbers: string[]): Promise<Map<string, string>>;
}

/**
 * The cross-row rules of an import: staff numbers unique in the file, every line manager found (in
 * the file or the database), and no line-management cycle in the data as it will be after the
 * import (the file's rows, plus everyone else as they are in the database). Keeps two small maps
 * per row, never the rows themselves.
 */
export class ImportLedger {
  private readonly rowOf = new Map<string, number>();
  private readonly managerOf = new Map<string, string>();

  get size(): number {
    return this.rowOf.size;
  }

  /** Records a row; false (and an error) when its staff number was already seen. */
  add(row: number, staffNumber: string, managerNumber: string | null, report: (e: ImportRowError) => void): boolean {
    const first = this.rowOf.get(staffNumber);
    if (first !== undefined) {
      report({ row, column: 'staff_number', message: `Staff number ${staffNumber} is also on row ${first}` });
      return false;
    }
    this.rowOf.set(staffNumber, row);
    if (managerNumber !== null) this.managerOf.set(staffNumber, managerNumber);
    return true;
  }

  staffNumbers(): IterableIterator<string> {
    return this.rowOf.keys();
  }

  /** Managers that are neither in the file nor in the database. */
  async checkManagers(directory: StaffDirectory, report: (e: ImportRowError) => void): Promise<void> {
    const outside = [...new Set([...this.managerOf.values()].filter((m) => !this.rowOf.has(m)))];
    const found = outside.length ? await directory.existing(outside) : new Set<string>();
    for (const [staffNumber, manager] of this.managerOf) {
      if (this.rowOf.has(manager) || found.has(manager)) continue;
      report({
        row: this.rowOf.get(staffNumber) ?? 0,
        column: 'line_manager_staff_number',
        message: `Line manager ${manager} is neither in this file nor in the service`,
      });
    }
  }

  /**
   * Cycles in the line-management graph after the import. Each person has at most one manager, so
   * walking up from everyone once (colouring what was seen) finds every cycle in linear time.
   * Managers outside the file are looked up level by level, as far up as the chains go.
   */
  async checkCycles(directory: StaffDirectory, report: (e: ImportRowError) => void): Promise<void> {
    const outsideManagers = new Map<string, string>();
    let frontier = [...new Set([...this.managerOf.values()].filter((m) => !this.rowOf.has(m)))];
    const asked = new Set<string>(frontier);
    while (frontier.length > 0) {
      const found = await directory.managersOf(frontier);
      frontier = [];
      for (const [person, manager] of found) {
        outsideManagers.set(person, manager);
        // A manager who is in the file has their edge from the file; ask only about the others.
        if (!this.rowOf.has(manager) && !asked.has(manager)) {
          asked.add(manager);
          frontier.push(manager);
        }
      }
    }
    const managerOf = (person: string): string | undefined =>
      this.rowOf.has(person) ? this.managerOf.get(person) : outsideManagers.get(person);

    const done = new Set<string>();
    for (const start of this.rowOf.keys()) {
      if (done.has(start)) continue;
      const path: string[] = [];
      const onPath = new Map<string, number>();
      let current: string | undefined = start;
      while (current !== undefined && !done.has(current) && !onPath.has(current)) {
        onPath.set(current, path.length);
        path.push(current);
        current = managerOf(current);
      }
      if (current !== undefined && onPath.has(current)) {
        const cycle = path.slice(onPath.get(current));
        const loop = [...cycle, cycle[0]];
        const shown = (loop.length > 8 ? [...loop.slice(0, 6), '…', ...loop.slice(-2)] : loop).join(' → ');
        for (const person of cycle) {
          const row = this.rowOf.get(person);
          if (row === undefined) continue; // not in the file: the row that closes the cycle is reported
          report({
            row,
            column: 'line_manager_staff_number',
            message:
              cycle.length === 1
                ? 'A person cannot be their own line manager'
                : `Line management would go round in a circle: ${shown}`,
          });
        }
      }
      for (const person of path) done.add(person);
    }
  }
}
