// The index of a long form: a sticky list beside the form on a wide screen, a picker on a narrow
// one; each section shows how many problems it has, and picking one scrolls to it.
import { Badge, NavLink, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface IndexItem {
  key: string;
  name: string;
  problems: number;
}

export function SectionIndex(props: { items: IndexItem[]; current: number; onJump: (i: number) => void }) {
  const { t } = useTranslation();
  return (
    <nav
      aria-label={t('entry.index.title')}
      data-testid="section-index"
      style={{ position: 'sticky', top: 72, alignSelf: 'start', maxHeight: 'calc(100vh - 160px)', overflowY: 'auto' }}
    >
      <Text size="xs" fw={700} c="dimmed" mb={4}>
        {t('entry.index.title')}
      </Text>
      {props.items.map((s, i) => (
        <NavLink
          key={s.key}
          component="button"
          active={i === props.current}
          label={s.name}
          onClick={() => props.onJump(i)}
          data-testid={`section-link-${s.key}`}
          styles={{ root: { padding: '4px 8px' }, label: { fontSize: 13 } }}
          rightSection={
            s.problems > 0 ? (
              <Badge size="xs" color="red" circle title={t('entry.index.issues', { count: s.problems })}>
                {s.problems}
              </Badge>
            ) : null
          }
        />
      ))}
    </nav>
  );
}

export function SectionPicker(props: { items: IndexItem[]; current: number; onJump: (i: number) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      size="xs"
      aria-label={t('entry.index.pick')}
      placeholder={t('entry.index.pick')}
      data={props.items.map((s, i) => ({ value: String(i), label: s.problems > 0 ? `${s.name} (⚠ ${s.problems})` : s.name }))}
      value={String(props.current)}
      onChange={(v) => v !== null && props.onJump(Number(v))}
      allowDeselect={false}
      comboboxProps={{ position: 'top', withinPortal: true }}
      data-testid="section-picker"
      style={{ flex: '1 1 140px', minWidth: 0 }}
    />
  );
}
