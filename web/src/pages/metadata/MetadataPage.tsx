// Metadata administration: data elements, disaggregations (options → categories → combos), data sets
// (sections, element order, assigned units), indicators, validation rules, constants, calendar days,
// and package import/export. Read-only without metadata:write.
import { Badge, Button, Code, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth';
import { formatNumber } from '../../format';
import { CalendarTab } from './CalendarTab';
import { DataSetUnits } from './DataSetUnits';
import type { DataElement, DataSet, DataSetItem, ValidationRule } from '../../../../src/modules/metadata/metadata.contract.js';
import { useOptions } from './metadataApi';
import { ObjectTab, type Column, type FieldDef } from './ObjectTab';
import { PackageTab } from './PackageTab';

const VALUE_TYPES: DataElement['valueType'][] = ['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE', 'INTEGER_NEGATIVE', 'PERCENTAGE', 'UNIT_INTERVAL', 'TEXT', 'LONG_TEXT', 'BOOLEAN', 'TRUE_ONLY', 'DATE'];
const AGGREGATIONS: DataElement['aggregationType'][] = ['SUM', 'LAST', 'AVERAGE', 'NONE'];
const PERIOD_TYPES: DataSet['periodType'][] = ['Monthly', 'Quarterly', 'SixMonthly', 'Yearly'];
const IMPORTANCES: ValidationRule['importance'][] = ['HIGH', 'MEDIUM', 'LOW'];
const OPERATORS: ValidationRule['operator'][] = ['equal_to', 'not_equal_to', 'greater_than', 'greater_than_or_equal_to', 'less_than', 'less_than_or_equal_to', 'compulsory_pair', 'exclusive_pair'];
const STRATEGIES: ValidationRule['leftSide']['missingValueStrategy'][] = ['SKIP_IF_ALL_VALUES_MISSING', 'SKIP_IF_ANY_VALUE_MISSING', 'NEVER_SKIP'];

type Tab = 'dataElements' | 'disaggregations' | 'dataSets' | 'indicators' | 'validationRules' | 'constants' | 'calendarDays' | 'package';
const TABS: Tab[] = ['dataElements', 'disaggregations', 'dataSets', 'indicators', 'validationRules', 'constants', 'calendarDays', 'package'];

export function MetadataPage() {
  const { t } = useTranslation();
  const canWrite = useCan('metadata:write');
  const [tab, setTab] = useState<Tab>('dataElements');
  return (
    <Stack>
      <Title order={3}>{t('nav.metadata')}</Title>
      {!canWrite && (
        <Text size="sm" c="dimmed" data-testid="meta-readonly">
          {t('metadata.readOnly')}
        </Text>
      )}
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`meta-tabbtn-${k}`}>
              {t(`metadata.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="dataElements" pt="md">
          <DataElementsTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="disaggregations" pt="md">
          <DisaggregationsTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="dataSets" pt="md">
          <DataSetsTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="indicators" pt="md">
          <IndicatorsTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="validationRules" pt="md">
          <RulesTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="constants" pt="md">
          <ConstantsTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="calendarDays" pt="md">
          <CalendarTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="package" pt="md">
          <PackageTab canWrite={canWrite} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function useLabels() {
  const { t, i18n } = useTranslation();
  const f = (k: string) => t(`metadata.field.${k}`);
  const opts = (values: string[], group: string) => values.map((v) => ({ value: v, label: t(`metadata.${group}.${v}`, { defaultValue: v }) }));
  const nameCol: Column = { key: 'name', label: f('name'), render: (o) => (o.code === 'default' ? t('metadata.defaultCombo') : i18n.language === 'en' && o.nameEn ? o.nameEn : o.name) };
  const codeCol: Column = { key: 'code', label: f('code'), render: (o) => <Code>{o.code}</Code> };
  const base: FieldDef[] = [
    { key: 'code', label: f('code'), kind: 'text', required: true, description: t('metadata.codeHint') },
    { key: 'name', label: f('name'), kind: 'text', required: true },
    { key: 'nameEn', label: f('nameEn'), kind: 'text' },
  ];
  return { t, f, opts, nameCol, codeCol, base };
}

function DataElementsTab({ canWrite }: { canWrite: boolean }) {
  const { t, f, opts, nameCol, codeCol, base } = useLabels();
  const combos = useOptions('categoryCombos');
  const fields: FieldDef[] = [
    ...base,
    { key: 'shortName', label: f('shortName'), kind: 'text' },
    { key: 'formName', label: f('formName'), kind: 'text' },
    { key: 'description', label: f('description'), kind: 'textarea' },
    { key: 'valueType', label: f('valueType'), kind: 'select', required: true, options: opts(VALUE_TYPES, 'valueTypes') },
    { key: 'aggregationType', label: f('aggregationType'), kind: 'select', required: true, options: opts(AGGREGATIONS, 'aggregationTypes'), description: t('metadata.aggregationHint') },
    { key: 'zeroIsSignificant', label: f('zeroIsSignificant'), kind: 'switch' },
    { key: 'categoryCombo', label: f('categoryCombo'), kind: 'select', required: true, options: combos.options },
    { key: 'unit', label: f('unit'), kind: 'text' },
  ];
  const columns: Column<'dataElements'>[] = [
    codeCol,
    nameCol,
    { key: 'valueType', label: f('valueType'), render: (o) => t(`metadata.valueTypes.${o.valueType}`, { defaultValue: o.valueType }) },
    { key: 'aggregationType', label: f('aggregationType'), render: (o) => <Badge variant="light">{t(`metadata.aggregationTypes.${o.aggregationType}`)}</Badge> },
    { key: 'categoryCombo', label: f('categoryCombo'), render: (o) => combos.labelOf(o.categoryCombo) },
  ];
  return (
    <ObjectTab
      type="dataElements"
      canWrite={canWrite}
      columns={columns}
      fields={fields}
      defaults={{ valueType: 'INTEGER_ZERO_OR_POSITIVE', aggregationType: 'SUM', zeroIsSignificant: false, categoryCombo: 'default' }}
    />
  );
}

function DisaggregationsTab({ canWrite }: { canWrite: boolean }) {
  const { t, f, nameCol, codeCol, base } = useLabels();
  const options = useOptions('categoryOptions');
  const categories = useOptions('categories');
  const dims = [
    { value: 'DISAGGREGATION', label: t('metadata.dimension.DISAGGREGATION') },
    { value: 'ATTRIBUTE', label: t('metadata.dimension.ATTRIBUTE') },
  ];
  const [sub, setSub] = useState<string>('categoryCombos');
  return (
    <Tabs value={sub} onChange={(v) => v && setSub(v)} variant="pills" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="categoryCombos" data-testid="meta-subtab-categoryCombos">{t('metadata.types.categoryCombos')}</Tabs.Tab>
        <Tabs.Tab value="categories" data-testid="meta-subtab-categories">{t('metadata.types.categories')}</Tabs.Tab>
        <Tabs.Tab value="categoryOptions" data-testid="meta-subtab-categoryOptions">{t('metadata.types.categoryOptions')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="categoryCombos" pt="md">
        <Text size="sm" c="dimmed" mb="xs">
          {t('metadata.comboHint')}
        </Text>
        <ObjectTab
          type="categoryCombos"
          canWrite={canWrite}
          columns={[
            codeCol,
            nameCol,
            { key: 'categories', label: f('categories'), render: (o) => o.categories.join(' × ') },
            {
              key: 'optionCombos',
              label: f('optionCombos'),
              render: (o) => {
                const cocs = o.optionCombos;
                return <Text size="xs" title={cocs.map((c) => c.name).join('\n')}>{formatNumber(cocs.length)}: {cocs.slice(0, 4).map((c) => c.name).join('; ')}{cocs.length > 4 ? '; …' : ''}</Text>;
              },
            },
          ]}
          fields={[
            ...base,
            { key: 'dataDimensionType', label: f('dataDimensionType'), kind: 'select', required: true, options: dims },
            { key: 'categories', label: f('categories'), kind: 'multiselect', required: true, options: categories.options, description: t('metadata.orderHint') },
          ]}
          defaults={{ dataDimensionType: 'DISAGGREGATION', categories: [] }}
        />
      </Tabs.Panel>
      <Tabs.Panel value="categories" pt="md">
        <ObjectTab
          type="categories"
          canWrite={canWrite}
          columns={[codeCol, nameCol, { key: 'options', label: f('options'), render: (o) => o.options.join(', ') }]}
          fields={[
            ...base,
            { key: 'dataDimensionType', label: f('dataDimensionType'), kind: 'select', required: true, options: dims },
            { key: 'options', label: f('options'), kind: 'multiselect', required: true, options: options.options, description: t('metadata.orderHint') },
          ]}
          defaults={{ dataDimensionType: 'DISAGGREGATION', options: [] }}
        />
      </Tabs.Panel>
      <Tabs.Panel value="categoryOptions" pt="md">
        <ObjectTab
          type="categoryOptions"
          canWrite={canWrite}
          columns={[codeCol, nameCol, { key: 'shortName', label: f('shortName') }]}
          fields={[...base, { key: 'shortName', label: f('shortName'), kind: 'text' }]}
          defaults={{}}
        />
      </Tabs.Panel>
    </Tabs>
  );
}

function DataSetsTab({ canWrite }: { canWrite: boolean }) {
  const { t, f, opts, nameCol, codeCol, base } = useLabels();
  const combos = useOptions('categoryCombos');
  const des = useOptions('dataElements');
  const [units, setUnits] = useState<DataSetItem | null>(null);
  const fields: FieldDef[] = [
    ...base,
    { key: 'shortName', label: f('shortName'), kind: 'text' },
    { key: 'description', label: f('description'), kind: 'textarea' },
    { key: 'periodType', label: f('periodType'), kind: 'select', required: true, options: opts(PERIOD_TYPES, 'periodTypes') },
    { key: 'categoryCombo', label: f('attributeCombo'), kind: 'select', required: true, options: combos.options },
    { key: 'deadlineWorkingDays', label: f('deadlineWorkingDays'), kind: 'number', required: true, min: 0, max: 366, description: t('metadata.deadlineHint') },
    { key: 'entryGraceDays', label: f('entryGraceDays'), kind: 'number', nullable: true, min: 0, max: 3660, description: t('metadata.graceHint') },
    { key: 'sections', label: f('sections'), kind: 'sections', options: des.options },
    { key: 'dataElements', label: f('looseElements'), kind: 'multiselect', options: des.options, description: t('metadata.looseHint') },
  ];
  const columns: Column<'dataSets'>[] = [
    codeCol,
    nameCol,
    { key: 'periodType', label: f('periodType'), render: (o) => t(`metadata.periodTypes.${o.periodType}`) },
    {
      key: 'elements',
      label: f('elementCount'),
      render: (o) => formatNumber(o.sections.reduce((n, s) => n + s.dataElements.length, 0) + o.dataElements.length),
    },
    { key: 'deadlineWorkingDays', label: f('deadlineWorkingDays') },
    { key: 'orgUnitCount', label: f('orgUnitCount'), render: (o) => formatNumber(o.orgUnitCount) },
  ];
  return (
    <>
      <ObjectTab
        type="dataSets"
        canWrite={canWrite}
        columns={columns}
        fields={fields}
        defaults={{ periodType: 'Monthly', categoryCombo: 'default', deadlineWorkingDays: 5, entryGraceDays: null, sections: [], dataElements: [] }}
        rowActions={(o) => (
          <Button size="xs" variant="subtle" onClick={() => setUnits(o)} data-testid={`meta-units-${o.code}`}>
            {t('metadata.units.button')}
          </Button>
        )}
      />
      {units && <DataSetUnits dataSet={units} canWrite={canWrite} onClose={() => setUnits(null)} />}
    </>
  );
}

function IndicatorsTab({ canWrite }: { canWrite: boolean }) {
  const { t, f, nameCol, codeCol, base } = useLabels();
  const types = useOptions('indicatorTypes');
  const [sub, setSub] = useState<string>('indicators');
  return (
    <Tabs value={sub} onChange={(v) => v && setSub(v)} variant="pills" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="indicators">{t('metadata.types.indicators')}</Tabs.Tab>
        <Tabs.Tab value="indicatorTypes" data-testid="meta-subtab-indicatorTypes">{t('metadata.types.indicatorTypes')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="indicators" pt="md">
        <Text size="sm" c="dimmed" mb="xs">
          {t('metadata.expressionHint')}
        </Text>
        <ObjectTab
          type="indicators"
          canWrite={canWrite}
          columns={[
            codeCol,
            nameCol,
            { key: 'numerator', label: f('numerator'), render: (o) => <Code>{o.numerator}</Code> },
            { key: 'denominator', label: f('denominator'), render: (o) => <Code>{o.denominator}</Code> },
            { key: 'indicatorType', label: f('indicatorType') },
          ]}
          fields={[
            ...base,
            { key: 'shortName', label: f('shortName'), kind: 'text' },
            { key: 'description', label: f('description'), kind: 'textarea' },
            { key: 'indicatorType', label: f('indicatorType'), kind: 'select', required: true, options: types.options },
            { key: 'numerator', label: f('numerator'), kind: 'expression', required: true },
            { key: 'numeratorDescription', label: f('numeratorDescription'), kind: 'text' },
            { key: 'denominator', label: f('denominator'), kind: 'expression', required: true },
            { key: 'denominatorDescription', label: f('denominatorDescription'), kind: 'text' },
            { key: 'decimals', label: f('decimals'), kind: 'number', nullable: true, min: 0, max: 6 },
            { key: 'annualized', label: f('annualized'), kind: 'switch' },
          ]}
          defaults={{ denominator: '1', decimals: 1, annualized: false }}
        />
      </Tabs.Panel>
      <Tabs.Panel value="indicatorTypes" pt="md">
        <ObjectTab
          type="indicatorTypes"
          canWrite={canWrite}
          columns={[codeCol, nameCol, { key: 'factor', label: f('factor'), render: (o) => formatNumber(o.factor) }]}
          fields={[...base, { key: 'factor', label: f('factor'), kind: 'number', required: true, min: 0 }, { key: 'number', label: f('numberOnly'), kind: 'switch' }]}
          defaults={{ factor: 100, number: false }}
        />
      </Tabs.Panel>
    </Tabs>
  );
}

function RulesTab({ canWrite }: { canWrite: boolean }) {
  const { t, f, opts, nameCol, codeCol, base } = useLabels();
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('metadata.expressionHint')}
      </Text>
      <ObjectTab
        type="validationRules"
        canWrite={canWrite}
        columns={[
          codeCol,
          nameCol,
          {
            key: 'rule',
            label: f('rule'),
            render: (o) => (
              <Code>
                {o.leftSide.expression} {t(`metadata.operatorSymbols.${o.operator}`)} {o.rightSide.expression}
              </Code>
            ),
          },
          { key: 'importance', label: f('importance'), render: (o) => <Badge color={o.importance === 'HIGH' ? 'red' : o.importance === 'MEDIUM' ? 'orange' : 'gray'} variant="light">{t(`metadata.importances.${o.importance}`)}</Badge> },
        ]}
        fields={[
          ...base,
          { key: 'description', label: f('description'), kind: 'textarea' },
          { key: 'importance', label: f('importance'), kind: 'select', required: true, options: opts(IMPORTANCES, 'importances'), description: t('metadata.importanceHint') },
          { key: 'periodType', label: f('periodType'), kind: 'select', required: true, options: opts(PERIOD_TYPES, 'periodTypes') },
          { key: 'leftSide.expression', label: f('leftSide'), kind: 'expression', required: true },
          { key: 'leftSide.missingValueStrategy', label: f('missingValueStrategy'), kind: 'select', options: opts(STRATEGIES, 'strategies') },
          { key: 'operator', label: f('operator'), kind: 'select', required: true, options: opts(OPERATORS, 'operators') },
          { key: 'rightSide.expression', label: f('rightSide'), kind: 'expression', required: true },
          { key: 'rightSide.missingValueStrategy', label: f('missingValueStrategy'), kind: 'select', options: opts(STRATEGIES, 'strategies') },
          { key: 'message', label: f('message'), kind: 'text', required: true },
          { key: 'messageEn', label: f('messageEn'), kind: 'text' },
        ]}
        defaults={{
          importance: 'MEDIUM',
          periodType: 'Monthly',
          operator: 'less_than_or_equal_to',
          leftSide: { expression: '', missingValueStrategy: 'SKIP_IF_ALL_VALUES_MISSING' },
          rightSide: { expression: '', missingValueStrategy: 'SKIP_IF_ALL_VALUES_MISSING' },
        }}
      />
    </Stack>
  );
}

function ConstantsTab({ canWrite }: { canWrite: boolean }) {
  const { f, nameCol, codeCol, base } = useLabels();
  return (
    <ObjectTab
      type="constants"
      canWrite={canWrite}
      columns={[codeCol, nameCol, { key: 'value', label: f('value'), render: (o) => formatNumber(o.value) }]}
      fields={[...base, { key: 'value', label: f('value'), kind: 'number', required: true }]}
      defaults={{}}
    />
  );
}
