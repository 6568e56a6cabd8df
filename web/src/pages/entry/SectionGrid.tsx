// One section of the entry form: on a wide screen a grid per disaggregation (elements in rows,
// option combos in columns); the violations an element is part of show in a line under its row.
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormElement, FormSection, OptionCombo } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { formatNumber } from '../../format';
import i18n from '../../i18n';
import { Cell, EMPTY_CELL } from './Cell';
import { blocksOf, cid, headerRowsOf, numericOf, type SectionEnv } from './formModel';
import { IssueNotes } from './IssueNotes';
import { isNumericType } from './values';

/** Everything a section needs to draw its cells. */

export function EntryCell(props: { env: SectionEnv; el: FormElement; coc: OptionCombo; col: number; fluid?: boolean }) {
  const { env, el, coc } = props;
  const id = cid(el.id, coc.id);
  const st = env.cells.get(id) ?? EMPTY_CELL;
  const info = env.info.get(id);
  return (
    <Cell
      cellId={id}
      testKey={info?.testKey ?? `${el.code}-${coc.code ?? coc.id}`}
      valueType={el.valueType}
      state={st}
      editable={env.editable}
      row={env.rowOf.get(String(el.id)) ?? 0}
      col={props.col}
      label={info?.label ?? el.name}
      outlier={env.outlierText(id, st.shown)}
      issue={env.severity.get(id) ?? null}
      fluid={props.fluid}
      onCommit={env.onCommit}
      onRevert={env.onRevert}
      onMove={env.onMove}
      onDetails={env.onDetails}
    />
  );
}

/** Name of an element with its plan progress and unit. */
export function ElementLabel({ env, el }: { env: SectionEnv; el: FormElement }) {
  const { t } = useTranslation();
  const pct = env.plan.get(String(el.id));
  return (
    <>
      {env.localName(el)}
      {pct !== undefined && (
        <Text span size="xs" c="blue.8" data-testid={`plan-${el.code}`}>
          {' '}
          · {t('entry.plan.progress', { pct: formatPercent(pct) })}
        </Text>
      )}
      {el.unit && (
        <Text span size="xs" c="dimmed">
          {' '}
          ({el.unit})
        </Text>
      )}
    </>
  );
}

/** Sum of the numeric cells of an element, '' when none. */
export function totalOf(env: SectionEnv, el: FormElement): string {
  let total = 0;
  let any = false;
  for (const coc of el.optionCombos) {
    const n = numericOf(env.cells.get(cid(el.id, coc.id))?.shown);
    if (n !== null) {
      total += n;
      any = true;
    }
  }
  return any ? formatNumber(total) : '';
}

export function SectionGrid({ section, env }: { section: FormSection; env: SectionEnv }) {
  const { t } = useTranslation();
  return (
    <>
      {blocksOf(section).map((block) => {
        const multi = block.combos.length > 1;
        const numeric = block.elements.every((e) => isNumericType(e.valueType));
        const headerRows = headerRowsOf(block, env.localName);
        const columns = 1 + block.combos.length + (multi && numeric ? 1 : 0);
        return (
          <Table.ScrollContainer key={block.key} minWidth={300} mb="xs">
            <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing={6} style={{ width: 'auto', minWidth: '60%' }}>
              <Table.Thead>
                {headerRows.map((cells, hi) => (
                  <Table.Tr key={hi}>
                    {hi === 0 && (
                      <Table.Th rowSpan={headerRows.length} style={{ minWidth: 200 }}>
                        {t('entry.form.element')}
                      </Table.Th>
                    )}
                    {cells.map((c, ci) => (
                      <Table.Th key={ci} colSpan={c.span} style={{ textAlign: 'center', fontWeight: 500, fontSize: 13 }}>
                        {c.label}
                      </Table.Th>
                    ))}
                    {hi === 0 && multi && numeric && (
                      <Table.Th rowSpan={headerRows.length} style={{ textAlign: 'center' }}>
                        {t('entry.form.total')}
                      </Table.Th>
                    )}
                  </Table.Tr>
                ))}
              </Table.Thead>
              <Table.Tbody>
                {block.elements.map((el) => {
                  const issues = env.issuesByElement.get(String(el.id));
                  return [
                    <Table.Tr key={String(el.id)}>
                      <Table.Td style={{ fontSize: 14 }}>
                        <ElementLabel env={env} el={el} />
                      </Table.Td>
                      {el.optionCombos.map((coc, ci) => (
                        <Table.Td key={String(coc.id)} style={{ verticalAlign: 'top' }}>
                          <EntryCell env={env} el={el} coc={coc} col={ci} />
                        </Table.Td>
                      ))}
                      {multi && numeric && (
                        <Table.Td style={{ textAlign: 'right', fontWeight: 600, verticalAlign: 'top', paddingTop: 8 }} data-testid={`total-${el.code}`}>
                          {totalOf(env, el)}
                        </Table.Td>
                      )}
                    </Table.Tr>,
                    issues && issues.length > 0 && (
                      <Table.Tr key={`${String(el.id)}-issues`}>
                        <Table.Td colSpan={columns} style={{ paddingTop: 2, paddingBottom: 4 }}>
                          <IssueNotes issues={issues} el={el} env={env} />
                        </Table.Td>
                      </Table.Tr>
                    ),
                  ];
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        );
      })}
    </>
  );
}

export function formatPercent(v: number): string {
  return `${new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 }).format(v)} %`;
}
