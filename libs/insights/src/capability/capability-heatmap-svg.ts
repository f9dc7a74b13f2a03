import type { CapabilityHeatmap, HeatmapCell } from './capability-heatmap.service.js';

/**
 * The colour scale: viridis (perceptually uniform, readable with the common colour-vision deficiencies and in
 * greyscale), five bands of percentMet, dark (few met) to light (most met). Each band's text colour keeps contrast.
 */
export const HEATMAP_BANDS = [
  { from: 0, to: 20, fill: '#440154', text: '#ffffff' },
  { from: 20, to: 40, fill: '#3b528b', text: '#ffffff' },
  { from: 40, to: 60, fill: '#21918c', text: '#000000' },
  { from: 60, to: 80, fill: '#5ec962', text: '#000000' },
  { from: 80, to: 100, fill: '#fde725', text: '#000000' },
] as const;

/** The band of a percentage: [from, to) except the last, [80, 100]. */
export const bandOf = (percentMet: number): (typeof HEATMAP_BANDS)[number] =>
  HEATMAP_BANDS.find((b) => percentMet < b.to) ?? HEATMAP_BANDS[HEATMAP_BANDS.length - 1]!;

/** Whether XML 1.0 allows a character (no control characters but tab and newlines, no lone surrogate, no U+FFFE/F). */
const xmlChar = (ch: string): boolean => {
  const c = ch.codePointAt(0)!;
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000
  );
};

/** Text or an attribute value made safe for XML. */
export const xmlText = (value: string | number): string =>
  [...String(value)]
    .filter(xmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const CELL_W = 64;
const CELL_H = 30;
const FONT = 'Arial, Helvetica, sans-serif';
const CHAR = 6.6; // an estimate of a 12px character's width

const humanDate = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The heatmap's title: the family, the rows, the cycle (name and state), the source and the date. */
export const heatmapTitle = (h: CapabilityHeatmap): string =>
  `Capability heatmap: ${h.roleFamily.label} by ${h.by === 'role' ? 'role' : 'role level'} — ${h.cycleName} ` +
  `(${h.cycleState} cycle), ${h.source} ratings, ${humanDate(h.generatedAt)}`;

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => `${k}="${xmlText(v)}"`)
    .join(' ');

/**
 * The heatmap as a standalone SVG document for a board paper (no script, no external reference): a title (the
 * `<title>` and a visible one) naming the cycle, source and date; the row axis (roles or role levels) down the left
 * and the skills across the top, each with an axis title; one `<rect>` per row × skill carrying `data-row`,
 * `data-skill` and, when shown, `data-percent-met`, `data-mean-gap`, `data-assessed`, `data-people`, filled on the
 * viridis scale by percentMet with the figure written in it; a suppressed cell hatched (`data-suppressed="true"`, no
 * figure anywhere in it); a cell with nothing assessed white with a dashed edge; a legend of the scale, the hatching
 * and the empty cell. The figures come already suppressed from the report.
 */
export function heatmapSvg(h: CapabilityHeatmap): string {
  const title = heatmapTitle(h);
  const rowAxis = h.by === 'role' ? 'Role' : 'Role level';
  const longestRow = Math.max(0, ...h.rows.map((r) => r.label.length));
  const longestSkill = Math.max(0, ...h.skills.map((s) => s.label.length));
  const rowLabelW = Math.min(300, Math.max(100, Math.ceil(longestRow * CHAR) + 16));
  const skillLabelH = Math.min(240, Math.max(40, Math.ceil(longestSkill * CHAR * 0.72) + 16));
  const x0 = 40 + rowLabelW;
  const y0 = 96 + skillLabelH;
  const gridW = h.skills.length * CELL_W;
  const gridH = h.rows.length * CELL_H;
  const legendY = y0 + gridH + 36;
  const legendItems = HEATMAP_BANDS.length + 2;
  const subtitle =
    `Share of assessed requirements met. Rows and skills ordered by mean gap, largest first. ` +
    `Hatched cells are suppressed (fewer than ${h.k} people, or hidden so that a small group cannot be worked out).`;
  const width = Math.ceil(
    Math.max(x0 + gridW + 40, title.length * 8 + 40, subtitle.length * 5.6 + 40, 40 + legendItems * 110),
  );
  const height = legendY + 90;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg ${attrs({
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': 'heatmap-title heatmap-desc',
      'font-family': FONT,
      'font-size': 12,
    })}>`,
  );
  out.push(`<title id="heatmap-title">${xmlText(title)}</title>`);
  out.push(
    `<desc id="heatmap-desc">${xmlText(
      `${h.rows.length} ${rowAxis.toLowerCase()}s by ${h.skills.length} skills. ${subtitle}`,
    )}</desc>`,
  );
  out.push(
    '<defs><pattern id="heatmap-suppressed" patternUnits="userSpaceOnUse" width="6" height="6" ' +
      'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>' +
      '<line x1="0" y1="0" x2="0" y2="6" stroke="#525252" stroke-width="2"/></pattern></defs>',
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text id="heatmap-heading" x="20" y="30" font-size="18" font-weight="bold">${xmlText(title)}</text>`);
  out.push(`<text class="subtitle" x="20" y="52" font-size="11" fill="#333333">${xmlText(subtitle)}</text>`);
  // Axis titles.
  out.push(
    `<text class="axis-title" data-axis="skills" x="${x0 + gridW / 2}" y="78" text-anchor="middle" ` +
      `font-weight="bold">Skill</text>`,
  );
  out.push(
    `<text class="axis-title" data-axis="rows" x="18" y="${y0 + gridH / 2}" text-anchor="middle" font-weight="bold" ` +
      `transform="rotate(-90 18 ${y0 + gridH / 2})">${xmlText(rowAxis)}</text>`,
  );
  // Skill labels, slanted, above their column.
  for (const [j, s] of h.skills.entries()) {
    const x = x0 + j * CELL_W + CELL_W / 2;
    const y = y0 - 8;
    out.push(
      `<text class="skill-label" ${attrs({ 'data-skill': s.id, x, y, transform: `rotate(-45 ${x} ${y})` })}>` +
        `${xmlText(s.label)}</text>`,
    );
  }
  // Row labels, right-aligned against the grid.
  for (const [i, r] of h.rows.entries()) {
    out.push(
      `<text class="row-label" ${attrs({ 'data-row': r.id, x: x0 - 8, y: y0 + i * CELL_H + CELL_H / 2 + 4 })} ` +
        `text-anchor="end">${xmlText(r.label)}</text>`,
    );
  }
  // The cells.
  const rowIndex = new Map(h.rows.map((r, i) => [r.id, i]));
  const skillIndex = new Map(h.skills.map((s, j) => [s.id, j]));
  for (const c of h.cells) {
    out.push(cellSvg(c, x0 + skillIndex.get(c.skillId)! * CELL_W, y0 + rowIndex.get(c.rowId)! * CELL_H));
  }
  if (h.cells.length === 0) {
    out.push(`<text x="${x0}" y="${y0 + 16}" fill="#333333">No assessed requirement in reach for this family.</text>`);
  }
  // The legend.
  out.push(`<g class="legend" transform="translate(20 ${legendY})">`);
  out.push('<text class="legend-title" x="0" y="0" font-weight="bold">Requirements met (%), viridis scale</text>');
  HEATMAP_BANDS.forEach((b, i) => {
    const label = i === HEATMAP_BANDS.length - 1 ? `${b.from}–${b.to}%` : `${b.from}–<${b.to}%`;
    out.push(
      `<g class="legend-item" data-band="${i}"><rect x="${i * 110}" y="12" width="24" height="18" fill="${b.fill}" ` +
        `stroke="#737373"/><text x="${i * 110 + 30}" y="25">${xmlText(label)}</text></g>`,
    );
  });
  const sx = HEATMAP_BANDS.length * 110;
  out.push(
    `<g class="legend-item" data-legend="suppressed"><rect x="${sx}" y="12" width="24" height="18" ` +
      `fill="url(#heatmap-suppressed)" stroke="#737373"/><text x="${sx + 30}" y="25">Suppressed</text></g>`,
  );
  out.push(
    `<g class="legend-item" data-legend="not-assessed"><rect x="${sx + 110}" y="12" width="24" height="18" ` +
      `fill="#ffffff" stroke="#969696" stroke-dasharray="3 2"/><text x="${sx + 140}" y="25">Not assessed</text></g>`,
  );
  out.push(
    `<text x="0" y="52" font-size="11" fill="#333333">${xmlText(
      `Cycle ${h.cycleName}, ${h.source} ratings, k = ${h.k}; generated ${h.generatedAt}.`,
    )}</text>`,
  );
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function cellSvg(c: HeatmapCell, x: number, y: number): string {
  const where = { 'data-row': c.rowId, 'data-skill': c.skillId, x, y, width: CELL_W, height: CELL_H };
  if (c.suppressed) {
    return (
      `<g class="cell"><rect ${attrs({ ...where, 'data-suppressed': 'true' })} fill="url(#heatmap-suppressed)" ` +
      `stroke="#ffffff"/></g>`
    );
  }
  if (!c.assessed || c.percentMet === null) {
    return (
      `<g class="cell"><rect ${attrs({ ...where, 'data-suppressed': 'false', 'data-assessed': 0, 'data-people': 0 })} ` +
      `fill="#ffffff" stroke="#969696" stroke-dasharray="3 2"/></g>`
    );
  }
  const band = bandOf(c.percentMet);
  const figures = {
    'data-suppressed': 'false',
    'data-percent-met': c.percentMet,
    'data-mean-gap': c.meanGap ?? '',
    'data-assessed': c.assessed,
    'data-met': c.met ?? '',
    'data-people': c.people ?? '',
  };
  return (
    `<g class="cell"><rect ${attrs({ ...where, ...figures })} fill="${band.fill}" stroke="#ffffff"/>` +
    `<text x="${x + CELL_W / 2}" y="${y + CELL_H / 2 + 4}" text-anchor="middle" fill="${band.text}">` +
    `${xmlText(`${c.percentMet}%`)}</text></g>`
  );
}
