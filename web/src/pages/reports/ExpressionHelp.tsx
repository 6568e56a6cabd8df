// A short reference of the template text language (docs/reports.md), folded under the editor's toolbar.
import { Accordion, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const EXAMPLES: [expression: string, key: string][] = [
  ['{{value CD_INFLUENZA}}', 'value'],
  ['{{value COVID_DOSES.BOOSTER2}}', 'option'],
  ['{{value IND_EHR_COVERAGE decimals=2}}', 'decimals'],
  ['{{value IND_SEX_RATIO_BIRTH decimals=0 round=floor}}', 'floor'],
  ['{{value TB_NEW_ALL pad=2}} · {{value POIS_CHEM_CASES zero="Không có ca nào"}}', 'padZero'],
  ['{{ytd EPI_FULL_U1}} · {{lastYear X}} · {{value X period=previous}}', 'ranges'],
  ['{{target EPI_FULL_U1}} · {{pctPlan EPI_FULL_U1}}', 'plan'],
  ['{{ofPlan EPI_FULL_U1 basis=period}}', 'ofPlan'],
  ['{{vsLastYear MAL_POSITIVE unit=ca}}', 'vsLastYear'],
  ['{{vsPrevious OPD_VISITS unit=lượt}} · {{changePct OPD_VISITS}}', 'vsPrevious'],
  ['{{EQ_FUNCTIONAL_PCT}} · {{lastYear FAC_PREMISES_DEGRADED}}', 'figures'],
  ['{{unit}} · {{parent upper=yes}} · {{place}} · {{subunits}} · {{subunitCount}}', 'units'],
  ['{{period}} · {{period style=title year=no}} · {{period of=next}}', 'period'],
  ['{{periodEnd}} · {{year}} · {{reportDate}}', 'dates'],
  ['**đậm** · *nghiêng*', 'marks'],
];

export function ExpressionHelp() {
  const { t } = useTranslation();
  return (
    <Accordion variant="contained" data-testid="template-help">
      <Accordion.Item value="help">
        <Accordion.Control>{t('reports.help.title')}</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" mb="xs">{t('reports.help.intro')}</Text>
          <Table fz="sm" striped>
            <Table.Tbody>
              {EXAMPLES.map(([expr, key]) => (
                <Table.Tr key={key}>
                  <Table.Td><Code>{expr}</Code></Table.Td>
                  <Table.Td>{t(`reports.help.${key}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
