/**
 * Set-based SQL for the demo department's records of learning: deterministic draws from hashtext() over ids, no
 * loop over people. $1 is the reference day (YYYY-MM-DD) throughout.
 */

/** A non-negative draw in 0..2^31-1 from `expression` (abs() of hashtext's lowest value would overflow). */
const draw = (expression: string): string => `(hashtext(${expression})::bigint & 2147483647)`;

const ACTIVE = `(s.leaving_date IS NULL OR s.leaving_date > $1::date) AND (s.start_date IS NULL OR s.start_date <= $1::date)`;

/** Active catalogue items other than events (attendance is DEMO_EVENT_ATTENDANCE's), numbered from 0 by code. */
const ITEMS = `items AS (
    SELECT li.id, least(coalesce(li.hours, 2), 1000) AS hours,
           ARRAY(SELECT lis.skill_slug FROM learning_item_skills lis WHERE lis.item_id = li.id ORDER BY lis.skill_slug)
             AS skills,
           row_number() OVER (ORDER BY li.code) - 1 AS n, count(*) OVER () AS total
      FROM learning_items li
     WHERE li.active AND li.format <> 'event'
  )`;

/**
 * Completions of catalogue items by about two in five of the staff in post, one to three each, over the last
 * eleven months (never before the person joined): about four in five verified, one in six waiting for the line
 * manager, the rest rejected with a reason. Evidence is a certificate link for a third, a note for the rest.
 */
export const DEMO_ITEM_COMPLETIONS = `
  WITH ${ITEMS}, people AS (
    SELECT s.id, s.start_date, ${draw(`s.id::text || ':learning:' || k::text`)} AS h
      FROM staff s CROSS JOIN generate_series(1, 3) AS k
     WHERE ${ACTIVE}
       AND ${draw(`s.id::text || ':learner'`)} % 100 < 40
       AND ${draw(`s.id::text || ':learning-count'`)} % 3 >= k - 1
  ), picked AS (
    SELECT DISTINCT ON (p.id, i.id) p.id AS staff_id, i.id AS item_id, i.hours, i.skills, p.h,
           greatest($1::date - (p.h % 330)::int, coalesce(p.start_date, '-infinity'::date)) AS completed_on
      FROM people p JOIN items i ON i.n = p.h % i.total
     ORDER BY p.id, i.id, p.h
  ), drawn AS (
    SELECT *, CASE WHEN h % 100 < 78 THEN 'verified' WHEN h % 100 < 95 THEN 'submitted' ELSE 'rejected' END AS state
      FROM picked
  )
  INSERT INTO learning_records (staff_id, learning_item_id, skill_slugs, completed_on, hours, evidence_url,
                                evidence_note, state, verified_at, rejected_at, reject_reason, created_at)
  SELECT staff_id, item_id, skills, completed_on, hours,
         CASE WHEN h % 3 = 0 THEN 'https://learning.example/certificates/' || substr(md5(staff_id::text || item_id::text), 1, 12) END,
         CASE WHEN h % 3 <> 0 THEN 'Completed; the certificate is on my personal file' END,
         state,
         CASE WHEN state = 'verified' THEN least(now(), completed_on + (1 + h % 10)::int + time '10:00') END,
         CASE WHEN state = 'rejected' THEN least(now(), completed_on + (1 + h % 10)::int + time '10:00') END,
         CASE WHEN state = 'rejected' THEN 'The certificate is not attached: please add the link or a note of where it is' END,
         least(now(), completed_on + time '17:00')
    FROM drawn`;

/** Attendance of an event older than this many days is mostly verified; of a more recent one, mostly waiting. */
export const DEMO_ATTENDANCE_SETTLED_DAYS = 14;

/**
 * Attendance of the demo events that have happened (their last day before the reference day), recorded as
 * completions dated on the event's first day: of each event's audience ($2, jsonb: the item's code, the audience's
 * kind and code, the share attending; a unit takes the units below it), the people in post who had joined by then,
 * each drawn with the event's share. Attendance of an event more than DEMO_ATTENDANCE_SETTLED_DAYS ago is verified
 * for about nine in ten; of a more recent one for about one in five, the rest waiting for the line manager. Never an
 * event still to come, nor a completion before the person joined.
 */
export const DEMO_EVENT_ATTENDANCE = `
  WITH events AS (
    SELECT li.id, li.code, least(coalesce(li.hours, 2), 1000) AS hours,
           (li.starts_at AT TIME ZONE 'UTC')::date AS day,
           ARRAY(SELECT lis.skill_slug FROM learning_item_skills lis WHERE lis.item_id = li.id ORDER BY lis.skill_slug)
             AS skills,
           a.kind, a.code AS audience, a.percent
      FROM learning_items li
      JOIN jsonb_to_recordset($2::jsonb) AS a(item text, kind text, code text, percent int) ON a.item = li.code
     WHERE li.active AND li.format = 'event' AND (li.ends_at AT TIME ZONE 'UTC')::date < $1::date
  ), attended AS (
    SELECT s.id AS staff_id, e.id AS item_id, e.hours, e.skills, e.day,
           ${draw(`s.id::text || ':attendance:' || e.code`)} AS h
      FROM events e
      JOIN staff s ON s.start_date IS NULL OR s.start_date <= e.day
     WHERE ${ACTIVE}
       AND CASE e.kind
             WHEN 'unit' THEN EXISTS (SELECT 1 FROM organisation_units u JOIN organisation_units a ON a.code = e.audience
                                       WHERE u.id = s.unit_id AND a.id = ANY(u.path))
             ELSE EXISTS (SELECT 1 FROM locations l WHERE l.id = s.location_id AND l.code = e.audience)
           END
       AND ${draw(`s.id::text || ':attended:' || e.code`)} % 100 < e.percent
  ), drawn AS (
    SELECT *, CASE WHEN h % 100 < (CASE WHEN $1::date - day > ${DEMO_ATTENDANCE_SETTLED_DAYS} THEN 90 ELSE 20 END)
                   THEN 'verified' ELSE 'submitted' END AS state
      FROM attended
  )
  INSERT INTO learning_records (staff_id, learning_item_id, skill_slugs, completed_on, hours, evidence_note, state,
                                verified_at, created_at)
  SELECT staff_id, item_id, skills, day, hours, 'Attended: my name is on the event''s register', state,
         CASE WHEN state = 'verified' THEN least(now(), day + (1 + h % 10)::int + time '10:00') END,
         least(now(), day + time '17:00')
    FROM drawn`;

/**
 * External learning (not in the catalogue) by about one in twelve of the staff in post: a conference, a course
 * elsewhere, with one skill of the current framework claimed. Mostly verified; a few waiting.
 */
export const DEMO_EXTERNAL_LEARNING = `
  WITH framework_skills AS (
    SELECT sk.slug, row_number() OVER (ORDER BY sk.slug) - 1 AS n, count(*) OVER () AS total
      FROM skills sk JOIN framework_versions v ON v.id = sk.version_id AND v.is_current
  ), courses(n, title, provider, hours) AS (
    VALUES (0, 'Agile project management foundation', 'APMG International', 21.0),
           (1, 'Data visualisation with Python', 'Open University', 14.5),
           (2, 'Service design conference', 'Service Design Network', 7.0),
           (3, 'Cloud practitioner certification', 'Amazon Web Services', 12.0)
  ), people AS (
    SELECT s.id, s.start_date, ${draw(`s.id::text || ':external'`)} AS h
      FROM staff s
     WHERE ${ACTIVE} AND ${draw(`s.id::text || ':external-learner'`)} % 100 < 8
  ), picked AS (
    SELECT p.id AS staff_id, c.title, c.provider, c.hours, ARRAY[fs.slug] AS skills, p.h,
           greatest($1::date - (p.h % 300)::int, coalesce(p.start_date, '-infinity'::date)) AS completed_on,
           CASE WHEN p.h % 100 < 80 THEN 'verified' ELSE 'submitted' END AS state
      FROM people p JOIN courses c ON c.n = p.h % 4 JOIN framework_skills fs ON fs.n = p.h % fs.total
  )
  INSERT INTO learning_records (staff_id, title, provider, skill_slugs, completed_on, hours, evidence_url, state,
                                verified_at, created_at)
  SELECT staff_id, title, provider, skills, completed_on, hours,
         'https://learning.example/external/' || substr(md5(staff_id::text || title), 1, 12), state,
         CASE WHEN state = 'verified' THEN least(now(), completed_on + (2 + h % 7)::int + time '11:00') END,
         least(now(), completed_on + time '18:00')
    FROM picked`;

/**
 * Waiting for the Line manager persona: a recent completion, submitted, by the Staff persona ($2) and by up to four
 * of the line manager's ($3) direct reports, of the first active catalogue item that is not an event.
 */
export const DEMO_WAITING_FOR_LINE_MANAGER = `
  WITH item AS (
    SELECT li.id, least(coalesce(li.hours, 2), 1000) AS hours,
           ARRAY(SELECT lis.skill_slug FROM learning_item_skills lis WHERE lis.item_id = li.id ORDER BY lis.skill_slug)
             AS skills
      FROM learning_items li WHERE li.active AND li.format <> 'event'
     ORDER BY li.counts_towards_inclusion, li.code LIMIT 1
  ), waiting AS (
    SELECT s.id, s.start_date, row_number() OVER (ORDER BY s.id = $2 DESC, s.staff_number) AS n
      FROM staff s
     WHERE ${ACTIVE} AND (s.id = $2 OR s.line_manager_id = $3) AND s.id IS DISTINCT FROM $3
  )
  INSERT INTO learning_records (staff_id, learning_item_id, skill_slugs, completed_on, hours, evidence_note, state,
                                created_at)
  SELECT w.id, i.id, i.skills, greatest($1::date - (2 * w.n)::int, coalesce(w.start_date, '-infinity'::date)),
         i.hours, 'Finished this week: notes from the course shared with the team', 'submitted', now()
    FROM waiting w CROSS JOIN item i
   WHERE w.n <= 5`;

/** The verified completions DEMO_GAP_LEARNING records carry this note when they have no certificate link. */
export const DEMO_GAP_LEARNING_NOTE =
  'Completed after last year’s review, to build this skill; the certificate is on my file';

/**
 * Learning after last year's review: of the staff in post with a validated level below the required one in a skill
 * in the cycle closed last (read from the reviews' tables), every other one per skill (in the order of a draw), within
 * their role family and whether this year's review of them is validated yet (so about half of those the learning
 * report compares, in every family), has a verified completion of an active catalogue item mapped to that skill (not
 * an event, none they already have a record of; the first rung above the level they were given, else the lowest) or,
 * where the map has none, of external learning claiming the skill (a short course), dated after that cycle's closing
 * date and before the reference day (never before they joined). So the report's gap closure shows, per skill, those
 * who learned against those who did not. Nothing when no cycle is closed. $2: the note (DEMO_GAP_LEARNING_NOTE) of those without a certificate link.
 */
export const DEMO_GAP_LEARNING = `
  WITH last_cycle AS (
    SELECT id, closes_on FROM review_cycles WHERE state = 'closed' AND closes_on < $1::date - 1
     ORDER BY closed_at DESC, id DESC LIMIT 1
  ), gaps AS (
    SELECT r.staff_id, r.role_family_slug AS family, rr.skill_slug, min(rr.skill_name) AS skill_name,
           min(rr.validated_level) AS validated, c.closes_on,
           EXISTS (SELECT 1 FROM skill_reviews t JOIN review_cycles tc ON tc.id = t.cycle_id
                    WHERE t.staff_id = r.staff_id AND tc.state = 'open' AND t.state = 'validated') AS rated_again
      FROM last_cycle c
      JOIN skill_reviews r ON r.cycle_id = c.id AND r.state = 'validated'
      JOIN skill_review_ratings rr ON rr.review_id = r.id
     WHERE rr.required_level IS NOT NULL AND rr.validated_level < rr.required_level
     GROUP BY r.staff_id, r.role_family_slug, rr.skill_slug, c.closes_on
  ), learners AS (
    SELECT g.*, s.start_date, ${draw(`g.staff_id::text || ':gap-learning:' || g.skill_slug`)} AS h,
           row_number() OVER (PARTITION BY g.skill_slug, g.family, g.rated_again
                              ORDER BY ${draw(`g.staff_id::text || ':gap-learner:' || g.skill_slug`)}, g.staff_id) AS n
      FROM gaps g JOIN staff s ON s.id = g.staff_id
     WHERE ${ACTIVE}
  ), picked AS (
    SELECT l.staff_id, l.skill_slug, i.id AS item_id, l.h,
           CASE WHEN i.id IS NULL THEN 'Short course: ' || l.skill_name END AS title,
           CASE WHEN i.id IS NULL THEN 'Demo Training Ltd' END AS provider,
           coalesce(i.hours, 7) AS hours, coalesce(i.skills, ARRAY[l.skill_slug]) AS skills,
           greatest(l.closes_on + 1 + (l.h % ($1::date - l.closes_on - 1))::int,
                    coalesce(l.start_date, '-infinity'::date)) AS completed_on
      FROM learners l
      LEFT JOIN LATERAL (
        SELECT li.id, least(coalesce(li.hours, 2), 1000) AS hours,
               ARRAY(SELECT x.skill_slug FROM learning_item_skills x WHERE x.item_id = li.id ORDER BY x.skill_slug)
                 AS skills
          FROM learning_item_skills lis
          JOIN learning_items li ON li.id = lis.item_id AND li.active AND li.format <> 'event'
         WHERE lis.skill_slug = l.skill_slug
           AND NOT EXISTS (SELECT 1 FROM learning_records x WHERE x.staff_id = l.staff_id AND x.learning_item_id = li.id)
         ORDER BY (lis.level > l.validated) DESC, lis.level, li.code LIMIT 1
      ) i ON true
     WHERE l.n % 2 = 1
  ), once AS (
    SELECT DISTINCT ON (staff_id, coalesce(item_id::text, skill_slug)) * FROM picked
     ORDER BY staff_id, coalesce(item_id::text, skill_slug), completed_on
  )
  INSERT INTO learning_records (staff_id, learning_item_id, title, provider, skill_slugs, completed_on, hours,
                                evidence_url, evidence_note, state, verified_at, created_at)
  SELECT staff_id, item_id, title, provider, skills, completed_on, hours,
         CASE WHEN h % 3 = 0 THEN 'https://learning.example/certificates/' || substr(md5(staff_id::text || coalesce(item_id::text, skill_slug) || ':gap'), 1, 12) END,
         CASE WHEN h % 3 <> 0 THEN $2::text END,
         'verified',
         least(now(), completed_on + (1 + h % 10)::int + time '10:00'),
         least(now(), completed_on + time '17:00')
    FROM once`;
