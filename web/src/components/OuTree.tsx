import { ActionIcon, Box, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Id, type OuNode } from '../api';
import { ouKeys } from '../queries';
import { ClosedMark, ErrorAlert, isClosed, Loading } from './common';

interface TreeProps {
  asOf: string;
  selectedId: string | null;
  onSelect: (id: Id) => void;
}

/** Lazy tree: roots are the user's scope; a node's children load when it is expanded. */
export function OuTree(props: TreeProps) {
  const { t } = useTranslation();
  const roots = useQuery({
    queryKey: ouKeys.roots(props.asOf),
    queryFn: () => api.get<OuNode[]>('/api/orgunits/roots', { asOf: props.asOf }),
  });
  if (roots.isPending) return <Loading />;
  if (roots.isError) return <ErrorAlert error={roots.error} />;
  if (!roots.data.length) return <Text c="dimmed">{t('ou.noUnits')}</Text>;
  return (
    <Box role="tree" data-testid="ou-tree">
      {roots.data.map((n) => (
        <OuTreeNode key={String(n.id)} node={n} depth={0} defaultExpanded={roots.data.length === 1} {...props} />
      ))}
    </Box>
  );
}

function OuTreeNode({ node, depth, defaultExpanded, asOf, selectedId, onSelect }: TreeProps & { node: OuNode; depth: number; defaultExpanded?: boolean }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(!!defaultExpanded && node.childCount > 0);
  const children = useQuery({
    queryKey: ouKeys.children(node.id, asOf),
    queryFn: () => api.get<OuNode[]>(`/api/orgunits/${encodeURIComponent(String(node.id))}/children`, { asOf }),
    enabled: expanded && node.childCount > 0,
  });
  const selected = selectedId === String(node.id);
  const closed = isClosed(node.closedDate, asOf);
  const hasChildren = node.childCount > 0;

  return (
    <div role="treeitem" aria-expanded={hasChildren ? expanded : undefined} aria-selected={selected}>
      <Group gap={4} wrap="nowrap" pl={depth * 16}>
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            color="gray"
            aria-label={t(expanded ? 'ou.collapse' : 'ou.expand')}
            data-testid={`ou-toggle-${node.code}`}
            onClick={() => setExpanded((x) => !x)}
          >
            {expanded ? '▾' : '▸'}
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <UnstyledButton
          data-testid={`ou-node-${node.code}`}
          data-selected={selected || undefined}
          onClick={() => {
            onSelect(node.id);
            if (hasChildren) setExpanded(true);
          }}
          px={6}
          py={2}
          style={{
            borderRadius: 4,
            flex: 1,
            background: selected ? 'var(--mantine-color-blue-light)' : undefined,
          }}
        >
          <Text size="sm" c={closed ? 'dimmed' : undefined} td={closed ? 'line-through' : undefined} span>
            {node.name}
          </Text>
          <ClosedMark closedDate={node.closedDate} asOf={asOf} />
        </UnstyledButton>
        {expanded && children.isFetching && <Loader size={12} />}
      </Group>
      {expanded && hasChildren && (
        <div role="group">
          {children.isError && <ErrorAlert error={children.error} />}
          {children.data?.map((c) => (
            <OuTreeNode key={String(c.id)} node={c} depth={depth + 1} asOf={asOf} selectedId={selectedId} onSelect={onSelect} />
          ))}
          {children.data && !children.data.length && (
            <Text size="xs" c="dimmed" pl={(depth + 1) * 16 + 28}>
              {t('ou.noChildren')}
            </Text>
          )}
        </div>
      )}
    </div>
  );
}
