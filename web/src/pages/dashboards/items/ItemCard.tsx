// One dashboard item in its card: title, the item itself, and a menu to export it (XLSX / CSV through
// /api/analytics.xlsx|.csv of the item's query, PNG) and, on an editable dashboard, to edit or remove it.
import { ActionIcon, Card, Group, Menu, Text } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../i18n';
import { analyticsUrl, downloadUrl } from '../dashboardApi';
import { slug, tableToPng } from '../png';
import type { DashboardItem } from '../../../../../src/modules/dashboards/dashboards.contract.js';
import type { DashContext } from '../dashContext';
import { ChartItem } from './ChartItem';
import type { ItemHandle } from './handle';
import { KpiItem } from './KpiItem';
import { MapItem } from './MapItem';
import { TableItem } from './TableItem';

export function itemTitle(item: DashboardItem): string {
  return (currentLang() === 'en' ? item.titleEn || item.title : item.title) || item.data.join(', ');
}

function csvOf(headers: string[], rows: string[][]): string {
  const esc = (s: string) => (/[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${[headers, ...rows].map((r) => r.map(esc).join(',')).join('\r\n')}\r\n`;
}

export function ItemCard(props: {
  item: DashboardItem;
  ctx: DashContext;
  editable: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { item, ctx } = props;
  const handle = useRef<ItemHandle>({});
  const title = itemTitle(item);
  const file = `${slug(title)}-${ctx.unit.code}-${ctx.period}`;

  let body: ReactNode;
  if (item.type === 'chart') body = <ChartItem item={item} ctx={ctx} handle={handle} />;
  else if (item.type === 'kpi') body = <KpiItem item={item} ctx={ctx} handle={handle} title={title} />;
  else if (item.type === 'map') body = <MapItem item={item} ctx={ctx} handle={handle} />;
  else body = <TableItem item={item} ctx={ctx} handle={handle} title={title} />;

  const png = () => {
    const url = handle.current.png?.() ?? (handle.current.picture ? (() => {
      const pic = handle.current.picture!();
      return pic ? tableToPng(pic) : null;
    })() : null);
    if (url) downloadUrl(url, `${file}.png`);
  };
  const shownCsv = () => {
    const pic = handle.current.picture?.();
    if (!pic) return;
    const blob = new Blob([csvOf(pic.headers, pic.rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    downloadUrl(url, `${file}.csv`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const reporting = item.type === 'table' && item.show === 'reporting';

  return (
    <Card withBorder padding="sm" radius="md" h="100%" data-testid={`item-${item.id}`} data-item-type={item.type}>
      <Group justify="space-between" wrap="nowrap" mb="xs" gap="xs">
        <Text fw={600} size="sm" lineClamp={2} title={title} data-testid={`item-title-${item.id}`}>
          {title}
        </Text>
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('dashboards.item.menu')} data-testid={`item-menu-${item.id}`}>
              ⋮
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('dashboards.item.export')}</Menu.Label>
            <Menu.Item component="a" href={analyticsUrl(item, ctx, '.xlsx')} download data-testid={`item-xlsx-${item.id}`}>
              {reporting ? t('dashboards.item.xlsxData') : t('dashboards.item.xlsx')}
            </Menu.Item>
            {reporting ? (
              <Menu.Item onClick={shownCsv} data-testid={`item-csv-${item.id}`}>
                {t('dashboards.item.csvShown')}
              </Menu.Item>
            ) : (
              <Menu.Item component="a" href={analyticsUrl(item, ctx, '.csv')} download data-testid={`item-csv-${item.id}`}>
                {t('dashboards.item.csv')}
              </Menu.Item>
            )}
            <Menu.Item onClick={png} data-testid={`item-png-${item.id}`}>
              {t('dashboards.item.png')}
            </Menu.Item>
            {props.editable && (
              <>
                <Menu.Divider />
                <Menu.Item onClick={props.onEdit} data-testid={`item-edit-${item.id}`}>
                  {t('dashboards.item.edit')}
                </Menu.Item>
                <Menu.Item color="red" onClick={props.onRemove} data-testid={`item-remove-${item.id}`}>
                  {t('dashboards.item.remove')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {body}
    </Card>
  );
}
