import type { FunnelFigures, SourceOutcome } from '@capability/recruitment';
import { xlsxWorkbook, type XlsxColumn, type XlsxTable } from '../common/xlsx.js';
import type { RecruitmentInsights } from './recruitment-insights.service.js';

const col = (key: string, header: string, width?: number): XlsxColumn => ({ key, header, width });

const OUTCOME: XlsxColumn[] = [
  col('applications', 'Applications'),
  col('withOffer', 'With an offer'),
  col('appointed', 'Appointed'),
  col('appointedAtLeast12MonthsAgo', 'Appointed 12+ months ago'),
  col('stillInPostAfter12Months', 'Still in post after 12 months'),
  col('offerRatePercent', 'Offer rate (%)'),
  col('appointmentRatePercent', 'Appointment rate (%)'),
  col('retentionRatePercent', 'Retention rate (%)'),
  col('suppressed', 'Suppressed'),
];
const outcome = (o: SourceOutcome) => Object.fromEntries(OUTCOME.map((c) => [c.key, o[c.key as keyof SourceOutcome]]));

interface FunnelRef {
  funnel: string;
  campaignId: string | null;
  vacancyId: string | null;
  title: string | null;
}
const FUNNEL_REF: XlsxColumn[] = [
  col('funnel', 'Funnel'),
  col('campaignId', 'Campaign id', 38),
  col('vacancyId', 'Vacancy id', 38),
  col('title', 'Title', 36),
];

/**
 * The recruitment insights as XLSX: About, Gap closure (a row per role level), Funnel stages (overall, per campaign
 * and per vacancy, a row per stage), Funnel totals, and the recruitment figures' other tables in long format — as the
 * JSON holds them, already suppressed.
 */
export function recruitmentInsightsXlsx(r: RecruitmentInsights): Promise<Buffer> {
  const f = r.figures;
  const funnels: [FunnelRef, FunnelFigures][] = [
    [{ funnel: 'overall', campaignId: f.filters.campaignId, vacancyId: null, title: null }, f.funnel],
    ...f.campaignFunnels.map((c): [FunnelRef, FunnelFigures] => [
      { funnel: 'campaign', campaignId: c.campaignId, vacancyId: null, title: c.title },
      c,
    ]),
    ...f.vacancyFunnels.map((v): [FunnelRef, FunnelFigures] => [
      { funnel: 'vacancy', campaignId: v.campaignId, vacancyId: v.vacancyId, title: v.title },
      v,
    ]),
  ];
  const tables: XlsxTable[] = [
    {
      name: 'Gap closure',
      columns: [
        col('roleFamily', 'Role family', 20),
        col('roleLevel', 'Role level', 28),
        col('roleLevelName', 'Role level name', 30),
        col('inPost', 'In post'),
        col('withGaps', 'With gaps'),
        col('percentWithGaps', 'With gaps (%)'),
        col('peopleSuppressed', 'People suppressed'),
        col('openVacancies', 'Open vacancies'),
        col('openPosts', 'Open posts'),
        col('acceptedOffers', 'Accepted offers'),
        col('livePipeline', 'Live pipeline'),
        col('suppressed', 'Suppressed'),
      ],
      rows: r.gapClosure.map((l) => ({
        ...l,
        suppressed: l.peopleSuppressed || l.acceptedOffers === null || l.livePipeline === null,
      })),
    },
    {
      name: 'Funnel stages',
      columns: [
        ...FUNNEL_REF,
        col('stage', 'Stage', 22),
        col('reached', 'Reached'),
        col('conversionFromPreviousPercent', 'From previous stage (%)'),
        col('conversionFromAppliedPercent', 'From applied (%)'),
        col('rejectedHere', 'Rejected here'),
        col('withdrawnHere', 'Withdrawn here'),
      ],
      rows: funnels.flatMap(([ref, fig]) => fig.stages.map((s) => ({ ...ref, ...s }))),
    },
    {
      name: 'Funnel totals',
      columns: [
        ...FUNNEL_REF,
        col('reserveListed', 'Reserve listed'),
        col('rejected', 'Rejected'),
        col('withdrawn', 'Withdrawn'),
      ],
      rows: funnels.map(([ref, fig]) => ({
        ...ref,
        reserveListed: fig.reserveListed,
        rejected: fig.rejected,
        withdrawn: fig.withdrawn,
      })),
    },
    {
      name: 'Time to hire',
      columns: [
        col('count', 'Appointments'),
        col('medianDays', 'Median days'),
        col('p25Days', '25th percentile days'),
        col('p75Days', '75th percentile days'),
      ],
      rows: [f.timeToHire],
    },
    {
      name: 'Time in stage',
      columns: [col('stage', 'Stage', 22), col('count', 'Stays'), col('medianDays', 'Median days')],
      rows: f.timeInStage,
    },
    {
      name: 'Offer acceptance',
      columns: [
        col('made', 'Made'),
        col('accepted', 'Accepted'),
        col('declined', 'Declined'),
        col('expired', 'Expired'),
        col('withdrawn', 'Withdrawn'),
        col('ratePercent', 'Acceptance rate (%)'),
      ],
      rows: [f.offerAcceptance],
    },
    {
      name: 'Outcomes by partner',
      columns: [col('partnerId', 'Partner id', 38), col('partnerName', 'Partner', 30), ...OUTCOME],
      rows: f.outcomesByPartner.map((o) => ({ partnerId: o.partnerId, partnerName: o.partnerName, ...outcome(o) })),
    },
    {
      name: 'Outcomes by channel',
      columns: [col('channel', 'Channel', 24), ...OUTCOME],
      rows: f.outcomesByChannel.map((o) => ({ channel: o.channel, ...outcome(o) })),
    },
    {
      name: 'Campaigns below target',
      columns: [
        col('campaignId', 'Campaign id', 38),
        col('title', 'Campaign', 36),
        col('kind', 'Kind'),
        col('state', 'State'),
        col('targetHires', 'Target hires'),
        col('appointed', 'Appointed'),
        col('acceptedAwaitingAppointment', 'Accepted, awaiting appointment'),
        col('hires', 'Hires'),
        col('shortfall', 'Shortfall'),
      ],
      rows: f.campaignsBelowTarget,
    },
    {
      name: 'Interim conversion',
      columns: [
        col('roleFamily', 'Role family', 20),
        col('permanentAppointments', 'Permanent appointments'),
        col('convertedPosts', 'Converted posts'),
        col('interimInPost', 'Interim in post'),
        col('contractorInPost', 'Contractors in post'),
      ],
      rows: f.interimConversion,
    },
    {
      name: 'Partner compliance',
      columns: [
        col('partnerId', 'Partner id', 38),
        col('partnerName', 'Partner', 30),
        col('kind', 'Kind'),
        col('from', 'From'),
        col('to', 'To'),
        col('metric', 'Service level', 28),
        col('direction', 'Direction'),
        col('target', 'Target'),
        col('monthsMet', 'Months met'),
        col('monthsMissed', 'Months missed'),
        col('monthsWithoutData', 'Months without data'),
        col('compliancePercent', 'Compliance (%)'),
        col('consecutiveMonthsMissed', 'Consecutive months missed'),
        col('partnerConsecutiveMonthsMissed', 'Partner: most consecutive months missed'),
      ],
      rows: f.partnerCompliance.flatMap((p) =>
        p.serviceLevels.map((s) => ({
          partnerId: p.partnerId,
          partnerName: p.partnerName,
          kind: p.kind,
          from: p.from,
          to: p.to,
          ...s,
          partnerConsecutiveMonthsMissed: p.consecutiveMonthsMissed,
        })),
      ),
    },
  ];
  const filters = f.filters;
  return xlsxWorkbook(
    {
      report: 'Recruitment',
      lines: [
        ['Measured on', r.measuredOn],
        ['Applications made', `${filters.from ?? 'any day'} to ${filters.to ?? 'any day'}`],
        ['Campaign', filters.campaignId ?? 'all in scope'],
        [
          'Source',
          'recruitment campaigns, vacancies and applications; staff in post and the latest closed review cycle',
        ],
        ['Gap cycle', r.cycle ? r.cycle.name : 'none closed'],
        ['k (fewest people shown)', r.k],
        ['Small candidate numbers suppressed', r.smallNumbersSuppressed],
        [
          'Suppression',
          `People figures of a level resting on fewer than ${r.k} people, or leaving a remainder of fewer than ` +
            `${r.k}, are empty (People suppressed = TRUE); ` +
            (r.smallNumbersSuppressed
              ? `candidate counts of 1 to ${r.k - 1} are empty (Suppressed = TRUE).`
              : 'candidate counts are shown.'),
        ],
      ],
    },
    tables,
  );
}
