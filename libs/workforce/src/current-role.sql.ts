/**
 * The rule for a person's current primary role assignment, in SQL: primary, started on or before
 * `day`, not ended by it; the latest start wins. `alias` is a row of `staff`, `day` a SQL date
 * expression (`current_date`, a bind parameter); `columns` are what the subquery returns of it (over
 * `ra` and whatever `joins` adds).
 */
export function currentPrimaryAssignmentSql(alias: string, day: string, columns = 'ra.id', joins = ''): string {
  return `(SELECT ${columns} FROM role_assignments ra ${joins}
      WHERE ra.staff_id = ${alias}.id AND ra.is_primary AND ra.starts_on <= ${day}
        AND (ra.ends_on IS NULL OR ra.ends_on > ${day})
      ORDER BY ra.starts_on DESC LIMIT 1)`;
}
