/** The machine report: one JSON document for the whole run. */
import type { FileReport } from './text.js';

export function renderJson(files: readonly FileReport[], ioErrors: readonly string[]): string {
  const document = {
    valid: files.every((f) => f.report.valid) && ioErrors.length === 0,
    files: files.map(({ file, report }) => ({
      file,
      valid: report.valid,
      version: report.version,
      objectCount: report.objectCount,
      errorCount: report.errorCount,
      warningCount: report.warningCount,
      issues: report.issues,
    })),
    ...(ioErrors.length ? { errors: ioErrors } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
