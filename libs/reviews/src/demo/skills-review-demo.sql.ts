/**
 * Set-based SQL that gives the demo department's review cycles realistic, deterministic results: the same
 * data always gives the same states and ratings. Draws come from hashtext() over ids and a salt, so nothing
 * loops over people. $1 is the cycle's id throughout.
 */

/** A draw 0..99 from the given SQL text expression (stable for the same inputs). */
const draw = (expression: string): string => `(abs(hashtext(${expression})) % 100)`;

/**
 * Review states. $2: 'closed' (last year: most self-assessed, most of those validated) or 'open' (this
 * year, three weeks in: fewer done, some returned, some under way); $3: a staff id left not started (the
 * Staff persona, so a newcomer can do a review from the start), or null. Submission, validation and return
 * times fall inside the cycle and never after now.
 */
export const DEMO_REVIEW_STATES = `
  UPDATE skill_reviews r
     SET state = d.state,
         submitted_at = CASE WHEN d.state IN ('self_assessed', 'validated', 'returned') THEN d.submitted_at END,
         validated_at = CASE WHEN d.state = 'validated' THEN least(d.submitted_at + interval '3 days', now()) END,
         returned_at = CASE WHEN d.state = 'returned' THEN least(d.submitted_at + interval '2 days', now()) END,
         return_reason = CASE WHEN d.state = 'returned'
           THEN 'Please add an example of your work for the skills you rated above the level your role needs.' END
    FROM (SELECT x.id,
                 least(c.opens_on + (x.h % 19) * interval '1 day' + interval '10 hours', now() - interval '1 hour')
                   AS submitted_at,
                 CASE WHEN x.staff_id = $3::uuid THEN 'not_started'
                      WHEN $2 = 'closed' THEN CASE WHEN x.h < 72 THEN 'validated' WHEN x.h < 86 THEN 'self_assessed'
                                                   WHEN x.h < 92 THEN 'in_progress' ELSE 'not_started' END
                      ELSE CASE WHEN x.h < 40 THEN 'validated' WHEN x.h < 60 THEN 'self_assessed'
                                WHEN x.h < 64 THEN 'returned' WHEN x.h < 76 THEN 'in_progress' ELSE 'not_started' END
                 END AS state
            FROM (SELECT id, staff_id, cycle_id, ${draw(`staff_id::text || ':state:' || $2`)} AS h
                    FROM skill_reviews WHERE cycle_id = $1) x
            JOIN review_cycles c ON c.id = x.cycle_id) d
   WHERE r.id = d.id`;

/**
 * Ratings. A person's level in a skill is stable across years (the same draw), with about one skill in six
 * per role family a real weakness (most rate below the required level), and last year's levels a little lower
 * ($2 = 'closed'), so the trend shows progress. Managers mostly agree; now and then they differ by two or more
 * (flagged for calibration). Reviews under way have only some skills rated; reviews not started none.
 */
export const DEMO_RATINGS = `
  UPDATE skill_review_ratings x
     SET self_level = l.self_level,
         evidence = CASE WHEN l.self_level IS NOT NULL AND l.u2 % 5 = 0 THEN (ARRAY[
           'Used this on the service I work on this year, and coached a colleague through it.',
           'Led this work for our team during the last release; the retrospective notes are on our wiki.',
           'Completed a course on this and applied it to a live piece of work.',
           'Did this regularly this year with support from my line manager.',
           'Presented our approach at a show and tell for the profession.'])[1 + l.u3 % 5] END,
         validated_level = l.validated_level,
         comment = CASE WHEN abs(l.self_level - l.validated_level) >= 2
           THEN 'We talked this through at our one-to-one: we see this skill differently, so it goes to calibration.'
           END,
         flagged_for_calibration = coalesce(abs(l.self_level - l.validated_level) >= 2, false)
    FROM (SELECT g.review_id, g.skill_id, g.u2, g.u3,
                 CASE WHEN g.state = 'not_started' OR (g.state = 'in_progress' AND g.u2 >= 55) THEN NULL
                      ELSE g.level END AS self_level,
                 CASE WHEN g.state = 'validated' THEN least(4, greatest(0, g.level + CASE
                      WHEN g.u2 < 78 THEN 0 WHEN g.u2 < 88 THEN -1 WHEN g.u2 < 96 THEN 1 WHEN g.u2 < 98 THEN -2 ELSE 2 END))
                 END AS validated_level
            FROM (SELECT x.review_id, x.skill_id, r.state, u.u2, u.u3,
                         least(4, greatest(0, x.required_level
                           + CASE WHEN u.weak THEN CASE WHEN u.u1 < 35 THEN -2 WHEN u.u1 < 75 THEN -1
                                                        WHEN u.u1 < 95 THEN 0 ELSE 1 END
                                  ELSE CASE WHEN u.u1 < 8 THEN -1 WHEN u.u1 < 75 THEN 0 ELSE 1 END END
                           - CASE WHEN $2 = 'closed' AND u.u1 % 10 < 2 THEN 1 ELSE 0 END)) AS level
                    FROM skill_review_ratings x
                    JOIN skill_reviews r ON r.id = x.review_id AND r.cycle_id = $1
                    CROSS JOIN LATERAL (SELECT
                      ${draw(`r.staff_id::text || ':' || x.skill_id::text`)} AS u1,
                      ${draw(`r.staff_id::text || ':' || x.skill_id::text || ':' || $2`)} AS u2,
                      ${draw(`x.skill_id::text || ':' || r.staff_id::text`)} AS u3,
                      ${draw(`r.role_family_slug || ':' || x.skill_slug`)} % 6 = 0 AS weak) u
                   WHERE x.required_level IS NOT NULL) g) l
   WHERE x.review_id = l.review_id AND x.skill_id = l.skill_id`;
