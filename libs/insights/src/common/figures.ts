/** numerator ÷ denominator rounded half up to `places` decimals, from the integers (one division, no drift). */
export const ratio = (numerator: number, denominator: number, places: number): number => {
  const f = 10 ** places;
  return Math.round((numerator * f) / denominator) / f;
};

/** 100 × part ÷ whole, one decimal (null when whole is 0). */
export const percentOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : ratio(100 * part, whole, 1);
