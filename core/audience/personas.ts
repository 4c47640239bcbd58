/**
 * Audience personas from the programme's customer segments (seed 2.3 Z世代, 4.2.3 保守型/成长型/激进型
 * clustering, 4.5.1 违规风险点, and the catalogue's fraud_lure) with the traits the policy reads.
 */
import type { PersonaId } from './phrases.js';

export type RiskClass = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';

export interface PersonaSpec {
  id: PersonaId;
  name: { zh: string; en: string };
  /** Risk classes this persona's viewers are drawn from (uniformly). */
  riskClasses: readonly RiskClass[];
  knowledge: 'novice' | 'intermediate' | 'experienced';
  interests: readonly string[];
  /** Seconds an unanswered question is tolerated before the viewer complains; twice that, they leave. */
  patienceSec: number;
  /** Starting trust in the host, 0–1. */
  trust: number;
  /** Chat rate relative to the scenario's ratePerMinute. */
  chattiness: number;
  /** Share of the persona's own lines that are questions (when its bank has both). */
  questionShare: number;
  /** Minutes a viewer of this persona watches if nothing keeps them (lurkers drift away). */
  watchMinutes: readonly [number, number];
  /** Reacts to an unchallenged lure in chat (newcomers and retirees take the bait). */
  lureSusceptibility: number;
}

export const PERSONAS: Record<PersonaId, PersonaSpec> = {
  genz_newcomer: {
    id: 'genz_newcomer',
    name: { zh: 'Z世代新手', en: 'Gen Z newcomer' },
    riskClasses: ['C2', 'C3', 'C4'],
    knowledge: 'novice',
    interests: ['新能源', 'AI', '科技', '基金定投'],
    patienceSec: 90,
    trust: 0.5,
    chattiness: 1.2,
    questionShare: 0.55,
    watchMinutes: [12, 40],
    lureSusceptibility: 0.35,
  },
  retiree: {
    id: 'retiree',
    name: { zh: '保守型退休投资者', en: 'Conservative retiree' },
    riskClasses: ['C1', 'C2'],
    knowledge: 'novice',
    interests: ['本金安全', '存款', '国债', '养老'],
    patienceSec: 150,
    trust: 0.45,
    chattiness: 0.8,
    questionShare: 0.6,
    watchMinutes: [20, 60],
    lureSusceptibility: 0.3,
  },
  growth_investor: {
    id: 'growth_investor',
    name: { zh: '成长/激进型投资者', en: 'Growth / aggressive investor' },
    riskClasses: ['C4', 'C5'],
    knowledge: 'experienced',
    interests: ['个股', '杠杆', '期权', '两融'],
    patienceSec: 75,
    trust: 0.4,
    chattiness: 1.0,
    questionShare: 0.6,
    watchMinutes: [10, 35],
    lureSusceptibility: 0.1,
  },
  compliance_baiter: {
    id: 'compliance_baiter',
    name: { zh: '合规诱导者', en: 'Compliance baiter' },
    riskClasses: ['C3', 'C4'],
    knowledge: 'intermediate',
    interests: ['保本', '稳赚', '目标价'],
    patienceSec: 120,
    trust: 0.3,
    chattiness: 1.1,
    questionShare: 0.65,
    watchMinutes: [25, 60],
    lureSusceptibility: 0,
  },
  fraud_lurer: {
    id: 'fraud_lurer',
    name: { zh: '诈骗引流者', en: 'Fraud lurer' },
    riskClasses: ['C5'],
    knowledge: 'experienced',
    interests: ['荐股群', '带单', '内幕消息'],
    patienceSec: 9999,
    trust: 0.1,
    chattiness: 0.7,
    questionShare: 0.15,
    watchMinutes: [15, 45],
    lureSusceptibility: 0,
  },
  troll: {
    id: 'troll',
    name: { zh: '杠精/谣言传播者', en: 'Troll / skeptic' },
    riskClasses: ['C3', 'C4', 'C5'],
    knowledge: 'intermediate',
    interests: ['质疑', '谣言'],
    patienceSec: 60,
    trust: 0.15,
    chattiness: 0.9,
    questionShare: 0.3,
    watchMinutes: [8, 30],
    lureSusceptibility: 0,
  },
  lurker: {
    id: 'lurker',
    name: { zh: '潜水观众', en: 'Lurker' },
    riskClasses: ['C2', 'C3'],
    knowledge: 'novice',
    interests: [],
    patienceSec: 9999,
    trust: 0.5,
    chattiness: 0.25,
    questionShare: 0,
    watchMinutes: [3, 15],
    lureSusceptibility: 0.15,
  },
};
