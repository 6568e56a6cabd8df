// Editor of a data set's sections: name, code and the ordered data elements of each section.
import { ActionIcon, Button, Card, Group, Input, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DataSetSection as Section } from '../../../../src/modules/metadata/metadata.contract.js';

export function SectionsField(props: {
  label: string;
  value: Section[];
  onChange: (v: Section[]) => void;
  options: { value: string; label: string }[];
  error?: string;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange, readOnly } = props;
  const update = (i: number, patch: Partial<Section>) => onChange(value.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= value.length) return;
    const next = [...value];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  // An element belongs to one section only: hide elements already used elsewhere.
  const usedElsewhere = (i: number) => new Set(value.flatMap((s, j) => (j === i ? [] : s.dataElements)));
  return (
    <Input.Wrapper label={props.label} error={props.error} data-testid="meta-field-sections">
      <Stack gap="xs" mt={4}>
        {value.map((s, i) => (
          <Card key={i} withBorder padding="xs" data-testid={`meta-section-${i}`}>
            <Stack gap={6}>
              <Group align="flex-end" wrap="nowrap">
                <Text size="sm" c="dimmed" w={24}>
                  {i + 1}.
                </Text>
                <TextInput
                  style={{ flex: 1 }}
                  label={t('metadata.field.sectionName')}
                  required
                  disabled={readOnly}
                  value={s.name}
                  onChange={(e) => update(i, { name: e.currentTarget.value })}
                  data-testid={`meta-section-${i}-name`}
                />
                <TextInput w={160} label={t('metadata.field.code')} disabled={readOnly} value={s.code ?? ''} onChange={(e) => update(i, { code: e.currentTarget.value || undefined })} />
                {!readOnly && (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={t('metadata.moveUp')} onClick={() => move(i, -1)} disabled={i === 0}>
                      ↑
                    </ActionIcon>
                    <ActionIcon variant="subtle" aria-label={t('metadata.moveDown')} onClick={() => move(i, 1)} disabled={i === value.length - 1}>
                      ↓
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={t('metadata.removeSection')} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                      ✕
                    </ActionIcon>
                  </Group>
                )}
              </Group>
              <MultiSelect
                label={t('metadata.field.sectionElements')}
                description={t('metadata.sectionOrderHint')}
                searchable
                disabled={readOnly}
                data={props.options.filter((o) => !usedElsewhere(i).has(o.value))}
                value={s.dataElements}
                onChange={(des) => update(i, { dataElements: des })}
                data-testid={`meta-section-${i}-elements`}
              />
            </Stack>
          </Card>
        ))}
        {!readOnly && (
          <Group>
            <Button size="xs" variant="light" onClick={() => onChange([...value, { name: '', dataElements: [] }])} data-testid="meta-section-add">
              {t('metadata.addSection')}
            </Button>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
