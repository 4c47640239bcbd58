/**
 * Scenario and rubric-reference schemas. A scenario is the script of one rehearsal: segments with
 * the host's lines and time budgets, the audience to simulate, incidents and instruments.
 * Parsing is pure (text in, value or readable errors out); reading the file is the caller's job.
 */
import { z } from 'zod';
import { parseYamlWith } from './yaml-source.js';
import { MAX_BOT_RATE } from './audience/limits.js';
import { PERSONA_IDS } from './audience/phrases.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a lower-case id (a-z, 0-9, - or _)');

export const Bilingual = z.strictObject({
  zh: z.string().min(1, 'expected non-empty Chinese text'),
  en: z.string().min(1, 'expected non-empty English text'),
});
export type Bilingual = z.infer<typeof Bilingual>;

export const HostLine = z.strictObject({
  zh: z.string().min(1).max(500),
  en: z.string().max(500).optional(),
  /** A line written to show what NOT to say (script review skips it, scoring still applies). */
  counterExample: z.boolean().optional(),
});
export type HostLine = z.infer<typeof HostLine>;

export const Segment = z.strictObject({
  id,
  title: Bilingual,
  /** Planned duration in seconds; the rubric compares actual timing against it. */
  budgetSec: z.number().int().positive().max(3600),
  lines: z.array(HostLine).min(1),
  /** Slides or key points shown on the LED wall during the segment. */
  slides: z.array(Bilingual).optional(),
  /** True if the segment contains a product call-to-action (disclosure must precede it). */
  callToAction: z.boolean().optional(),
  /**
   * The script takes questions later (e.g. "we'll answer in the Q&A"): a question asked during
   * this segment waits from the start of the next segment that is not marked so (RUBRICS QL1).
   */
  questionsLater: z.boolean().optional(),
});
export type Segment = z.infer<typeof Segment>;

export const PersonaWeight = z.strictObject({
  persona: id,
  weight: z.number().positive(),
});

export const BotPopulation = z.strictObject({
  /** Viewers simulated by default when the room opens. */
  count: z.number().int().min(0).max(5000),
  personas: z.array(PersonaWeight).min(1),
  /** Chat messages per bot per minute on average. */
  ratePerMinute: z.number().positive().max(MAX_BOT_RATE).default(2),
});
export type BotPopulation = z.infer<typeof BotPopulation>;

export const INCIDENT_KINDS = ['wrong_data', 'troll_wave', 'market_shock', 'lure_flood', 'stock_tip_demand'] as const;

export const Incident = z.strictObject({
  id,
  kind: z.enum(INCIDENT_KINDS),
  title: Bilingual,
  /** When the incident fires on its own; omit for facilitator-only incidents. */
  at: z
    .strictObject({
      segment: id,
      afterSec: z.number().min(0).max(3600).default(0),
    })
    .optional(),
  /** Free-form details for the incident's handler (e.g. the wrong figure shown on screen). */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type Incident = z.infer<typeof Incident>;

export const Instrument = z.strictObject({
  code: z.string().regex(/^[0-9]{6}$/, 'expected a six-digit instrument code'),
  name: Bilingual,
  kind: z.enum(['stock', 'etf', 'fund']),
  board: z.enum(['main', 'chinext', 'star']),
  risk: z.enum(['R1', 'R2', 'R3', 'R4', 'R5']),
  prevClose: z.number().positive(),
  /** Annualised volatility for the seeded price path. */
  volatility: z.number().min(0).max(3).default(0.25),
  sector: z.string().optional(),
});
export type Instrument = z.infer<typeof Instrument>;

/**
 * A product the host can put up as a product card (小黄车, docs/SCENE.md "Products"): its name,
 * risk level, who it suits and the risk line shown with it. The host may edit the risk line when
 * putting the card up; a card shown without one is a disclosure finding (docs/RUBRICS.md HT3).
 */
export const Product = z.strictObject({
  id,
  name: Bilingual,
  risk: z.enum(['R1', 'R2', 'R3', 'R4', 'R5']),
  /** Suitable investors, e.g. "C4 及以上（积极型、激进型）". */
  suitable: Bilingual,
  /** The risk line the card shows by default. */
  riskLine: Bilingual,
  /** The mock-exchange instrument it is, if any (six-digit code). */
  code: z
    .string()
    .regex(/^[0-9]{6}$/, 'expected a six-digit instrument code')
    .optional(),
});
export type Product = z.infer<typeof Product>;

/**
 * Director mode's cast (issue 17 pt 3): simulated viewers the facilitator speaks as, seated when
 * the session opens and kept in the room (they say nothing on their own), and ready-made lines.
 */
export const DIRECTOR_LINE_KINDS = ['bait', 'lure', 'complaint', 'rumour'] as const;
export const CastMember = z.strictObject({
  id,
  name: z.string().trim().min(1).max(40),
  /** Who they play, shown beside the name in the console (e.g. 追涨的新手). */
  persona: Bilingual,
  /** Their investor risk class (suitability): C1 (most cautious) … C5. */
  risk: z.enum(['C1', 'C2', 'C3', 'C4', 'C5']),
});
export type CastMember = z.infer<typeof CastMember>;
export const DirectorLine = z.strictObject({
  kind: z.enum(DIRECTOR_LINE_KINDS),
  zh: z.string().min(1).max(500),
  en: z.string().max(500).optional(),
  /** Sent as a question (it waits for the host's reply) rather than a chat line. */
  question: z.boolean().optional(),
  /** The cast member who says it by default (their id). */
  by: id.optional(),
});
export type DirectorLine = z.infer<typeof DirectorLine>;
export const Director = z.strictObject({
  cast: z.array(CastMember).min(1).max(9),
  lines: z.array(DirectorLine).max(9).default([]),
});

export const Scenario = z
  .strictObject({
    id,
    title: Bilingual,
    summary: Bilingual,
    /** Where in the training programme this scenario comes from, e.g. "4.4.2 场景2". */
    programmeRef: z.string().min(1),
    rubric: id,
    segments: z.array(Segment).min(1),
    bots: BotPopulation,
    incidents: z.array(Incident).default([]),
    instruments: z.array(Instrument).default([]),
    /** Product cards (小黄车) the host can put up; see Product. */
    products: z.array(Product).default([]),
    /** A risk-disclosure banner the host can put on screen. */
    disclosure: Bilingual.optional(),
    director: Director.optional(),
  })
  .superRefine((s, ctx) => {
    const segIds = new Set<string>();
    s.segments.forEach((seg, i) => {
      if (segIds.has(seg.id))
        ctx.addIssue({ code: 'custom', path: ['segments', i, 'id'], message: `duplicate segment id "${seg.id}"` });
      segIds.add(seg.id);
    });
    const incIds = new Set<string>();
    s.incidents.forEach((inc, i) => {
      if (incIds.has(inc.id))
        ctx.addIssue({ code: 'custom', path: ['incidents', i, 'id'], message: `duplicate incident id "${inc.id}"` });
      incIds.add(inc.id);
      if (inc.at && !segIds.has(inc.at.segment))
        ctx.addIssue({
          code: 'custom',
          path: ['incidents', i, 'at', 'segment'],
          message: `unknown segment "${inc.at.segment}" (segments: ${[...segIds].join(', ')})`,
        });
    });
    s.bots.personas.forEach((p, i) => {
      if (!(PERSONA_IDS as readonly string[]).includes(p.persona))
        ctx.addIssue({
          code: 'custom',
          path: ['bots', 'personas', i, 'persona'],
          message: `unknown persona "${p.persona}" (personas: ${PERSONA_IDS.join(', ')})`,
        });
    });
    s.incidents.forEach((inc, i) => {
      const seg = inc.at && s.segments.find((g) => g.id === inc.at!.segment);
      if (seg && inc.at!.afterSec > seg.budgetSec)
        ctx.addIssue({
          code: 'custom',
          path: ['incidents', i, 'at', 'afterSec'],
          message: `${inc.at!.afterSec} s is past the end of segment "${seg.id}" (budget ${seg.budgetSec} s)`,
        });
    });
    const codes = new Set<string>();
    s.instruments.forEach((ins, i) => {
      if (codes.has(ins.code))
        ctx.addIssue({
          code: 'custom',
          path: ['instruments', i, 'code'],
          message: `duplicate instrument code "${ins.code}"`,
        });
      codes.add(ins.code);
    });
    const productIds = new Set<string>();
    s.products.forEach((p, i) => {
      if (productIds.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['products', i, 'id'], message: `duplicate product id "${p.id}"` });
      productIds.add(p.id);
      if (p.code !== undefined && !codes.has(p.code))
        ctx.addIssue({
          code: 'custom',
          path: ['products', i, 'code'],
          message: `unknown instrument "${p.code}" (instruments: ${[...codes].join(', ') || 'none'})`,
        });
    });
  });
export type Scenario = z.infer<typeof Scenario>;

export { formatIssues, formatPath } from './yaml-source.js';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** Parse scenario YAML (or JSON, which is YAML) text. Never throws. */
export function parseScenario(text: string, file: string): ScenarioResult {
  const r = parseYamlWith(Scenario, text, file);
  return r.ok ? { ok: true, scenario: r.value } : r;
}

/**
 * Scheduled incidents due at session time t and not yet fired: those whose segment is the
 * current one and whose delay since the segment started has passed. Pure, so the live room and
 * the headless simulator fire the same incidents at the same moments.
 */
export function dueIncidents(
  scenario: Scenario,
  state: { status: string; segmentIndex: number; segmentStartedT: number | null; firedIncidents: readonly string[] },
  t: number,
): string[] {
  if (state.status !== 'live' || state.segmentStartedT === null) return [];
  const segment = scenario.segments[state.segmentIndex];
  if (!segment) return [];
  const due: string[] = [];
  for (const inc of scenario.incidents) {
    if (!inc.at || inc.at.segment !== segment.id || state.firedIncidents.includes(inc.id)) continue;
    if (t - state.segmentStartedT >= inc.at.afterSec * 1000) due.push(inc.id);
  }
  return due;
}
