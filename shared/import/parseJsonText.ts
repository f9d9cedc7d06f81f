import type { ImportIssue } from './validationReport';

/** JSON.parse that turns a syntax error into an issue naming the line, where the engine tells the position. */
export function parseJsonText(text: string, what: string): { value: unknown } | { issue: ImportIssue } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const lineMatch = /line (\d+)/.exec(detail);
    const line = lineMatch ? Number(lineMatch[1]) : position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    const short = detail.length > 160 ? `${detail.slice(0, 160)}…` : detail;
    return { issue: { row: null, field: 'file', message: `the file is not valid ${what}: ${short}`, ...(line !== undefined ? { line } : {}) } };
  }
}
