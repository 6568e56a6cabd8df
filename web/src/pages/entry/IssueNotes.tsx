// The violations an element is part of, shown right under its cells: the rule's message, the two
// sides' values, and links that scroll to and focus the other cells the rule involves.
import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormElement, Violation } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { formatNumber } from '../../format';
import { opSign, type SectionEnv } from './formModel';
import type { CellIssue } from './issues';

export function violationText(v: Violation): string {
  const base = v.message || v.rule.name;
  const sign = opSign(v.operator);
  // The two sides' values only mean something for comparisons (not for "both or neither" pairs).
  if (sign === 'vs' || v.leftValue === undefined || v.rightValue === undefined || v.leftValue === null || v.rightValue === null) return base;
  return `${base} (${formatNumber(v.leftValue)} ${sign} ${formatNumber(v.rightValue)})`;
}

export function IssueNotes({ issues, el, env }: { issues: CellIssue[]; el: FormElement; env: SectionEnv }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`issues-${el.code}`} style={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
      {issues.map((is) => {
        const error = is.severity === 'error';
        const others = is.cells.filter((id) => String(env.info.get(id)?.el.id) !== String(el.id));
        return (
          <div
            key={is.key}
            data-testid={`issue-${is.violation.rule.code}-${el.code}`}
            data-severity={is.severity}
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'baseline',
              gap: '2px 10px',
              fontSize: 13,
              lineHeight: 1.35,
              padding: '3px 8px',
              borderRadius: 4,
              borderLeft: `3px solid var(--mantine-color-${error ? 'red' : 'orange'}-6)`,
              background: `var(--mantine-color-${error ? 'red' : 'orange'}-0)`,
              color: `var(--mantine-color-${error ? 'red' : 'orange'}-9)`,
              overflowWrap: 'anywhere',
              minWidth: 0,
            }}
          >
            <span>
              <b>{error ? t('entry.validation.error') : t('entry.validation.warning')}:</b> {violationText(is.violation)}
            </span>
            {others.map((id) => {
              const info = env.info.get(id);
              if (!info) return null;
              return (
                <Anchor
                  key={id}
                  component="button"
                  type="button"
                  size="sm"
                  tabIndex={-1}
                  onClick={() => env.goToCell(id)}
                  title={t('entry.issue.goTo', { label: info.label })}
                  data-testid={`issue-link-${is.violation.rule.code}-${info.testKey}`}
                  style={{ overflowWrap: 'anywhere', textAlign: 'left' }}
                >
                  → {info.label}
                </Anchor>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
