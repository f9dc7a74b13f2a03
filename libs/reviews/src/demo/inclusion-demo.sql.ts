/**
 * Set-based SQL for the demo department's digital inclusion: deterministic draws from hashtext(), no loop
 * over people. $1 is the reference day (YYYY-MM-DD) throughout.
 */

const draw = (expression: string): string => `(abs(hashtext(${expression})) % 100)`;

/**
 * Two assessments per person, about a year apart: most at level 7 or above now (about four in five), fewer
 * a year ago, so the share at the target rises. About one in twelve has only last year's assessment and one
 * in fifty none at all (the report of staff with no assessment has someone in it). Levels of 5 or below were
 * mostly recorded with help (assisted digital); the rest by the person themselves.
 */
export const DEMO_INCLUSION_ASSESSMENTS = `
  WITH people AS (
    SELECT s.id, ${draw(`s.id::text || ':inclusion'`)} AS u, ${draw(`s.id::text || ':progress'`)} AS v,
           ${draw(`s.id::text || ':coverage'`)} AS w
      FROM staff s
     WHERE (s.leaving_date IS NULL OR s.leaving_date > $1::date) AND (s.start_date IS NULL OR s.start_date <= $1::date)
  ), levels AS (
    SELECT id, w, u,
           CASE WHEN u < 2 THEN 3 WHEN u < 5 THEN 4 WHEN u < 9 THEN 5 WHEN u < 20 THEN 6
                WHEN u < 45 THEN 7 WHEN u < 75 THEN 8 ELSE 9 END AS now_level,
           (CASE WHEN v < 35 THEN 1 ELSE 0 END) + (CASE WHEN v < 8 THEN 1 ELSE 0 END) AS gained
      FROM people
  )
  INSERT INTO inclusion_assessments (staff_id, level, method, assessed_on)
  SELECT id, greatest(1, now_level - gained), CASE WHEN now_level - gained <= 5 THEN 'assisted' ELSE 'self' END,
         $1::date - 380 + (u % 40)
    FROM levels WHERE w >= 2
  UNION ALL
  SELECT id, now_level, CASE WHEN now_level <= 5 THEN 'assisted' ELSE 'self' END, $1::date - 120 + (u % 100)
    FROM levels WHERE w >= 10`;

/** The statements of the demo's awareness pulses, rated 1 (strongly disagree) to 5 (strongly agree). */
export const DEMO_PULSE_STATEMENTS = [
  'I know where to get help with the digital tools I use at work.',
  'I feel confident using the online services the department offers the public.',
  'I understand how digital and data can improve the way we work.',
  'I know how to keep myself and the department’s information safe online.',
];

/** One closed pulse for the whole department: $1 its root unit, $2 title, $3 statements (jsonb), $4 opens on, $5 closes on. */
export const DEMO_PULSE = `
  INSERT INTO pulses (title, statements, unit_id, state, opens_on, closes_on)
  VALUES ($2, $3::jsonb, $1, 'closed', $4::date, $5::date)
  RETURNING id`;

/** Who answered pulse $1 (open $2 to $3): about three in five of the staff then in post. $4 a salt. */
export const DEMO_PULSE_RESPONDENTS = `
  INSERT INTO pulse_respondents (pulse_id, staff_id)
  SELECT $1, s.id FROM staff s
   WHERE (s.leaving_date IS NULL OR s.leaving_date > $3::date) AND (s.start_date IS NULL OR s.start_date <= $2::date)
     AND ${draw(`s.id::text || ':answered:' || $4::text`)} < 60`;

/**
 * What they answered, one row each, apart from who: the person's unit and a day only, inserted in another
 * order than the respondents, so nothing links the two. $1 pulse, $2 opens on, $3 closes on, $4 the salt,
 * $5 the percentage of ratings one point higher (agreement grown since the first pulse), $6 how many statements.
 */
export const DEMO_PULSE_ANSWERS = `
  INSERT INTO pulse_answers (pulse_id, unit_id, answered_on, ratings)
  SELECT $1, s.unit_id, $2::date + (${draw(`s.id::text || ':day:' || $4::text`)} % ($3::date - $2::date + 1)),
         ARRAY(SELECT least(5, greatest(1,
                  CASE WHEN x.d < 5 THEN 1 WHEN x.d < 15 THEN 2 WHEN x.d < 35 THEN 3 WHEN x.d < 75 THEN 4 ELSE 5 END
                  + CASE WHEN ${draw(`s.id::text || ':grew:' || i::text`)} < $5::int THEN 1 ELSE 0 END))::smallint
                 FROM generate_series(1, $6::int) AS i,
                      LATERAL (SELECT ${draw(`s.id::text || ':' || i::text || ':' || $4::text`)} AS d) x
                ORDER BY i)
    FROM pulse_respondents r JOIN staff s ON s.id = r.staff_id
   WHERE r.pulse_id = $1
   ORDER BY md5(s.id::text || $4::text)`;
