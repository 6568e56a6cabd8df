// One section of the entry form on a phone: a column of labelled fields; a disaggregated element
// shows its option combos side by side ("Nam | Nữ"), wrapping when there are more. No sideways scrolling.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormSection } from '../../../../src/modules/datavalues/datavalues.contract.js';
import { isMulti } from './formModel';
import { IssueNotes } from './IssueNotes';
import type { SectionEnv } from './formModel';
import { ElementLabel, EntryCell, totalOf } from './SectionGrid';
import { isNumericType } from './values';

export function PhoneFields({ section, env }: { section: FormSection; env: SectionEnv }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, minWidth: 0 }}>
      {section.elements.map((el) => {
        const multi = isMulti(el);
        const issues = env.issuesByElement.get(String(el.id));
        const total = multi && isNumericType(el.valueType) ? totalOf(env, el) : null;
        return (
          <div key={String(el.id)} data-testid={`field-${el.code}`} style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} mb={4} style={{ overflowWrap: 'anywhere' }}>
              <ElementLabel env={env} el={el} />
            </Text>
            {multi ? (
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: '6px 10px' }}>
                {el.optionCombos.map((coc, ci) => (
                  <div key={String(coc.id)} style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {env.localName(coc)}
                    </Text>
                    <EntryCell env={env} el={el} coc={coc} col={ci} fluid />
                  </div>
                ))}
              </div>
            ) : (
              el.optionCombos[0] && <EntryCell env={env} el={el} coc={el.optionCombos[0]} col={0} fluid />
            )}
            {total !== null && total !== '' && (
              <Text size="xs" mt={2}>
                {t('entry.form.total')}: <b data-testid={`total-${el.code}`}>{total}</b>
              </Text>
            )}
            {issues && issues.length > 0 && (
              <div style={{ marginTop: 4 }}>
                <IssueNotes issues={issues} el={el} env={env} />
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
