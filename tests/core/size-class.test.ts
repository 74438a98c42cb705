// 中小企業基本法 第2条 at every boundary, and the capital either-test.
import { describe, expect, it } from 'vitest';
import { sizeClassOf } from '../../src/core/size-class';
import { findIndustry } from '../../src/core/taxonomy';
import { knowledge } from '../helpers';

const cls = (industry: string, employees: number, capitalYen?: number) =>
  sizeClassOf(knowledge, findIndustry(knowledge, industry)!, employees, capitalYen).sizeClass;

describe('size class (中小企業基本法 第2条)', () => {
  it.each([
    // industry, employees, capital, expected
    ['manufacturing', 20, undefined, 'small'],
    ['manufacturing', 21, undefined, 'sme'],
    ['manufacturing', 300, undefined, 'sme'],
    ['manufacturing', 301, undefined, 'unknown'],
    ['manufacturing', 301, 300_000_000, 'sme'],
    ['manufacturing', 301, 300_000_001, 'large'],
    ['wholesale', 5, undefined, 'small'],
    ['wholesale', 6, undefined, 'sme'],
    ['wholesale', 100, undefined, 'sme'],
    ['wholesale', 101, 100_000_000, 'sme'],
    ['wholesale', 101, 100_000_001, 'large'],
    ['retail', 5, undefined, 'small'],
    ['retail', 6, undefined, 'sme'],
    ['retail', 50, undefined, 'sme'],
    ['retail', 51, 50_000_000, 'sme'],
    ['retail', 51, 50_000_001, 'large'],
    ['restaurants', 51, 60_000_000, 'large'],
    ['other-services', 5, undefined, 'small'],
    ['other-services', 6, undefined, 'sme'],
    ['other-services', 100, undefined, 'sme'],
    ['other-services', 101, 50_000_000, 'sme'],
    ['other-services', 101, 50_000_001, 'large'],
    // 政令 exceptions
    ['rubber-products', 900, 1_000_000_000, 'sme'],
    ['rubber-products', 901, 300_000_001, 'large'],
    ['rubber-products', 20, undefined, 'small'],
    ['information-services', 300, 1_000_000_000, 'sme'],
    ['information-services', 301, 300_000_000, 'sme'],
    ['information-services', 301, 300_000_001, 'large'],
    ['information-services', 5, undefined, 'small'],
    ['information-services', 6, undefined, 'sme'],
    ['accommodation', 200, 100_000_000, 'sme'],
    ['accommodation', 201, 50_000_001, 'large'],
    ['accommodation', 20, undefined, 'small'],
    ['accommodation', 21, undefined, 'sme'],
    ['entertainment', 20, undefined, 'small'],
    ['entertainment', 21, undefined, 'sme'],
    ['entertainment', 101, 50_000_001, 'large'],
  ] as const)('%s, %i employees, capital %s → %s', (industry, employees, capital, expected) => {
    expect(cls(industry, employees, capital)).toBe(expected);
  });

  it('an unknown capital never makes a firm 大企業 when its employees qualify', () => {
    for (const industry of ['manufacturing', 'wholesale', 'retail', 'other-services', 'accommodation', 'rubber-products']) {
      for (const employees of [0, 1, 5, 6, 20, 21, 50]) {
        expect(cls(industry, employees)).not.toBe('large');
        expect(cls(industry, employees)).not.toBe('unknown');
      }
    }
  });

  it('a large capital does not matter when the employees qualify (either-test)', () => {
    expect(cls('manufacturing', 300, 10_000_000_000)).toBe('sme');
    expect(cls('retail', 50, 10_000_000_000)).toBe('sme');
  });

  it('explains the class in Japanese', () => {
    const r = sizeClassOf(knowledge, findIndustry(knowledge, '小売業')!, 51);
    expect(r.sizeClass).toBe('unknown');
    expect(r.reason).toContain('資本金');
    expect(r.label).toContain('要確認');
  });
});
