/** The keyboard of the audit workspace: which key gives which answer, and how each looks. */
export type AnswerValue = 'pass' | 'partial' | 'fail' | 'unknown' | 'not_applicable';

export const ANSWER_KEYS: Readonly<Record<string, AnswerValue>> = Object.freeze({
  p: 'pass', 1: 'pass',
  a: 'partial', 2: 'partial',
  f: 'fail', 3: 'fail',
  u: 'unknown', 4: 'unknown',
  n: 'not_applicable',
});

/** The answers in the order they are offered as buttons. */
export const ANSWER_ORDER: readonly AnswerValue[] = Object.freeze(['pass', 'partial', 'fail', 'unknown', 'not_applicable']);

export const ANSWER_LOOK: Readonly<Record<AnswerValue, { mark: string; label: string; colour: string; text: string }>> = Object.freeze({
  pass: { mark: '✓', label: 'pass', colour: '#2e7d32', text: '#fff' },
  partial: { mark: '½', label: 'partial', colour: '#f2c14e', text: '#222' },
  fail: { mark: '✗', label: 'fail', colour: '#b3261e', text: '#fff' },
  unknown: { mark: '?', label: 'unknown', colour: '#d8d4c8', text: '#222' },
  not_applicable: { mark: '–', label: 'not applicable', colour: '#ffffff', text: '#555' },
});

/** Move within a grid of rows × columns, stopping at the edges. */
export function moveCell(cell: { row: number; column: number }, key: string, rows: number, columns: number): { row: number; column: number } | null {
  const clamp = (value: number, size: number) => Math.max(0, Math.min(size - 1, value));
  switch (key) {
    case 'ArrowUp': return { row: clamp(cell.row - 1, rows), column: cell.column };
    case 'ArrowDown': return { row: clamp(cell.row + 1, rows), column: cell.column };
    case 'ArrowLeft': return { row: cell.row, column: clamp(cell.column - 1, columns) };
    case 'ArrowRight': return { row: cell.row, column: clamp(cell.column + 1, columns) };
    case 'Home': return { row: cell.row, column: 0 };
    case 'End': return { row: cell.row, column: columns - 1 };
    default: return null;
  }
}
