import { FaultBoard } from '../faults';

describe('fault board', () => {
  it('draws the same failures for the same seed, a sequence per agency, restarted when a fault is set', () => {
    const draws = (board: FaultBoard, agency: string) => Array.from({ length: 20 }, () => board.draw(agency));
    const a = new FaultBoard(0, 42);
    const b = new FaultBoard(0, 42);
    const first = draws(a, 'licences');
    expect(draws(b, 'licences')).toEqual(first);
    expect(draws(new FaultBoard(0, 43), 'licences')).not.toEqual(first);
    expect(draws(new FaultBoard(0, 42), 'population')).not.toEqual(first);
    // Another agency's calls do not move this one's sequence; setting its fault starts it again.
    a.set('licences', { errorRate: 0.3 });
    draws(a, 'population');
    expect(draws(a, 'licences')).toEqual(first);
    expect(first.every((d) => d >= 0 && d < 1)).toBe(true);
  });
});
