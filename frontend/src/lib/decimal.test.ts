import { describe, expect, it } from 'vitest';
import { compareDecimals, formatDecimal, parseDecimal, sumDecimals } from './decimal';

describe('decimal helpers', () => {
  it('sums exactly where floating point would not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['33.3', '33.3', '33.4'])).toBe('100');
    expect(sumDecimals(['3', '2', '1.5', '', null])).toBe('6.5');
  });

  it('compares and parses', () => {
    expect(compareDecimals('100.00', 100)).toBe(0);
    expect(compareDecimals('99.99', '100')).toBe(-1);
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });

  it('rounds half up for display and drops trailing zeros', () => {
    expect(formatDecimal('0.6666666667')).toBe('0.67');
    expect(formatDecimal('1.005')).toBe('1.01');
    expect(formatDecimal('2.50')).toBe('2.5');
    expect(formatDecimal('25')).toBe('25');
    expect(formatDecimal('-0.125')).toBe('-0.13');
    expect(formatDecimal(null)).toBe('');
  });
});
