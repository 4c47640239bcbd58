import { describe, expect, it } from 'vitest';
import { countFillers } from '../../core/voice/fillers.js';

describe('filler words in spoken lines', () => {
  it('counts hesitations, not the ordinary words they are made of', () => {
    expect(countFillers('那个产品的风险等级是R3，就是中风险，然后我们看费用。').total).toBe(0);
    expect(countFillers('好啊，我们开始吧').total).toBe(0);
    expect(countFillers('I like this fund and you know its risk level.').total).toBe(0);
  });

  it('counts the hesitant uses in Mandarin', () => {
    const c = countFillers('嗯，那个，就是说这只基金呢，然后呢，那个那个风险，啊，还是有的');
    expect(c.byWord).toEqual({ 嗯: 1, 啊: 1, 就是说: 1, 然后呢: 1, 那个: 2 });
    expect(c.total).toBe(6);
  });

  it('reads recognised text without punctuation: a space is a pause', () => {
    expect(countFillers('呃 然后 我们 就是 看一下 那个 这个 产品').total).toBe(4);
  });

  it('counts English fillers only where they are fillers', () => {
    const c = countFillers('Um, so this fund is, like, low risk, you know? Uh I mean, read the prospectus.');
    expect(c.byWord).toEqual({ um: 2, like: 1, 'you know': 1, 'I mean': 1 });
  });

  it('counts a longer form once, not also its shorter part', () => {
    expect(countFillers('就是说').byWord).toEqual({ 就是说: 1 });
    expect(countFillers('然后呢').byWord).toEqual({ 然后呢: 1 });
  });
});
