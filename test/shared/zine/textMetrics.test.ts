import { describe, expect, it } from 'vitest';
import { textWidth, truncate, wrapText } from '../../../shared/zine/textMetrics';

describe('wrapping text for print', () => {
  it('breaks between words so no line is wider than the box', () => {
    const lines = wrapText('The childcare co-op let me take the night shift without paying half of it to a stranger.', 120, 8);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 8)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe('The childcare co-op let me take the night shift without paying half of it to a stranger.');
  });

  it('ends the last allowed line with an ellipsis when text is left over', () => {
    const lines = wrapText('word '.repeat(200), 100, 8, { maxLines: 3 });
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith('…')).toBe(true);
    expect(textWidth(lines[2], 8)).toBeLessThanOrEqual(100);
  });

  it('cuts a single word longer than the line', () => {
    const [line] = wrapText('Supercalifragilisticexpialidocious-community-garden-and-orchard', 60, 8);
    expect(line.endsWith('…')).toBe(true);
    expect(textWidth(line, 8)).toBeLessThanOrEqual(60);
  });

  it('leaves a name that fits alone and cuts one that does not', () => {
    expect(truncate('Dee', 100, 8)).toBe('Dee');
    expect(truncate('A very long name for a tenants union on the corner', 60, 8)).toMatch(/…$/);
  });
});
