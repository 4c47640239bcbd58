/**
 * Fictional instruments for tests, benches and demos. Codes, names and prices are made up;
 * any resemblance to a listed security is accidental.
 */
import type { Instrument } from '../scenario.js';

export const FIXTURE_CODES = {
  mainStock: '609001',
  chinextStock: '309001',
  starStock: '689001',
  etf: '519001',
  moneyFund: '999001',
  equityFund: '999002',
} as const;

export const FIXTURE_INSTRUMENTS: readonly Instrument[] = [
  {
    code: FIXTURE_CODES.mainStock,
    name: { zh: '星河精工', en: 'Xinghe Precision' },
    kind: 'stock',
    board: 'main',
    risk: 'R3',
    prevClose: 12.5,
    volatility: 0.3,
    sector: 'industrials',
  },
  {
    code: FIXTURE_CODES.chinextStock,
    name: { zh: '云帆新能', en: 'Yunfan New Energy' },
    kind: 'stock',
    board: 'chinext',
    risk: 'R4',
    prevClose: 38.2,
    volatility: 0.45,
    sector: 'new-energy',
  },
  {
    code: FIXTURE_CODES.starStock,
    name: { zh: '量子芯研', en: 'Quantum Chip Research' },
    kind: 'stock',
    board: 'star',
    risk: 'R4',
    prevClose: 86.0,
    volatility: 0.55,
    sector: 'semiconductors',
  },
  {
    code: FIXTURE_CODES.etf,
    name: { zh: '演练红利ETF', en: 'Drill Dividend ETF' },
    kind: 'etf',
    board: 'main',
    risk: 'R3',
    prevClose: 2.85,
    volatility: 0.18,
    sector: 'broad-market',
  },
  {
    code: FIXTURE_CODES.moneyFund,
    name: { zh: '演练货币A', en: 'Drill Money Market A' },
    kind: 'fund',
    board: 'main',
    risk: 'R1',
    prevClose: 1,
    volatility: 0,
    sector: 'cash',
  },
  {
    code: FIXTURE_CODES.equityFund,
    name: { zh: '演练成长混合', en: 'Drill Growth Hybrid Fund' },
    kind: 'fund',
    board: 'main',
    risk: 'R3',
    prevClose: 1.2345,
    volatility: 0.22,
    sector: 'new-energy',
  },
];
