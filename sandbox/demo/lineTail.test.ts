/**
 * @jest-environment node
 */
import { LineTail } from './lineTail';

describe('LineTail', () => {
  it('joins lines split across chunks and keeps the last ones', () => {
    const tail = new LineTail(2);
    tail.push('one\ntw');
    tail.push('o\n\nthr');
    expect(tail.lines()).toEqual(['two', 'thr']);
    tail.push('ee\nfour\n');
    expect(tail.lines()).toEqual(['three', 'four']);
  });
});
