/**
 * The human report: issues grouped by object, coloured when the output is a terminal.
 */
import type { Issue, ValidationReport } from '@taxiway/stix';
import pc from 'picocolors';

export interface FileReport {
  readonly file: string;
  readonly report: ValidationReport;
}

export interface TextOptions {
  readonly color: boolean;
  readonly quiet: boolean;
  readonly maxIssues: number;
}

const OBJECT_PATH = /^(objects\[\d+\]|\[\d+\])/;

export function renderText(file: FileReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const { report } = file;
  const lines: string[] = [];
  const objects = `${report.objectCount.toLocaleString('en-US')} object${report.objectCount === 1 ? '' : 's'}`;
  lines.push(c.bold(`== ${file.file} (STIX ${report.version}, ${objects})`));
  const issues = options.quiet ? report.issues.filter((i) => i.severity === 'error') : report.issues;
  const shown = issues.slice(0, options.maxIssues);
  const groups = new Map<string, Issue[]>();
  for (const issue of shown) {
    const head = OBJECT_PATH.exec(issue.path)?.[1] ?? '(top level)';
    const key = `${head}${issue.objectId ? ` ${issue.objectId}` : ''}`;
    const group = groups.get(key);
    if (group) group.push(issue);
    else groups.set(key, [issue]);
  }
  for (const [key, group] of groups) {
    lines.push(`  ${c.cyan(key)}`);
    for (const issue of group) {
      const severity = issue.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      const check = issue.check ? c.dim(` [${issue.check.number} ${issue.check.name}]`) : '';
      lines.push(`    ${severity} ${issue.path || '(root)'}: ${issue.message} ${c.dim(`[${issue.code}]`)}${check}`);
    }
  }
  if (issues.length > shown.length) lines.push(c.dim(`  … and ${issues.length - shown.length} more`));
  const counts = `${report.errorCount} error${report.errorCount === 1 ? '' : 's'}, ${report.warningCount} warning${report.warningCount === 1 ? '' : 's'}`;
  lines.push(report.valid ? c.green(`✓ valid (${counts})`) : c.red(`✗ invalid: ${counts}`));
  return `${lines.join('\n')}\n`;
}

export function renderTotal(files: readonly FileReport[], color: boolean): string {
  const c = pc.createColors(color);
  const invalid = files.filter((f) => !f.report.valid).length;
  const errors = files.reduce((n, f) => n + f.report.errorCount, 0);
  const warnings = files.reduce((n, f) => n + f.report.warningCount, 0);
  const text = `${files.length} files: ${files.length - invalid} valid, ${invalid} invalid (${errors} errors, ${warnings} warnings)`;
  return `${invalid ? c.red(text) : c.green(text)}\n`;
}
