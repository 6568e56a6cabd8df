// The notice's text with what the reader recognised marked in soft colours (number, date, issuer,
// signer, items, units, deadlines, recurrences, outputs), a legend that hides or shows each kind, and
// the quote of the task being looked at outlined and scrolled into view.
import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

export const HIGHLIGHT_KINDS = ['number', 'date', 'issuer', 'signer', 'item', 'unit', 'deadline', 'recurrence', 'output'] as const;

const COLORS: Record<string, string> = {
  number: 'grape',
  date: 'cyan',
  issuer: 'indigo',
  signer: 'violet',
  item: 'gray',
  unit: 'green',
  deadline: 'red',
  recurrence: 'orange',
  output: 'yellow',
};
const colorOf = (kind: string) => COLORS[kind] ?? 'teal';
const soft = (kind: string) => `var(--mantine-color-${colorOf(kind)}-${kind === 'item' ? 2 : 1})`;
const strong = (kind: string) => `var(--mantine-color-${colorOf(kind)}-6)`;

export interface Span {
  start: number;
  end: number;
  kind: string;
}

interface Segment {
  start: number;
  end: number;
  kind: string | null;
  focus: boolean;
}

/** Cuts the text at every span's ends; a piece takes the kind of the innermost span over it. */
function segments(length: number, spans: Span[], focus: { start: number; end: number } | null): Segment[] {
  const cuts = new Set([0, length]);
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const ok = spans.filter((s) => s.end > s.start).map((s) => ({ ...s, start: clamp(s.start), end: clamp(s.end) }));
  for (const s of ok) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  if (focus) {
    cuts.add(clamp(focus.start));
    cuts.add(clamp(focus.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (a === b) continue;
    let best: Span | null = null;
    for (const s of ok) if (s.start <= a && s.end >= b && (!best || s.end - s.start < best.end - best.start)) best = s;
    out.push({ start: a, end: b, kind: best?.kind ?? null, focus: !!focus && a >= focus.start && b <= focus.end });
  }
  return out;
}

export function HighlightedText({
  text, spans, focus, onPick, maxHeight,
}: {
  text: string;
  spans: Span[];
  focus: { start: number; end: number; seq: number } | null;
  /** A click on the text: its offset (to open the task it belongs to). */
  onPick?: (offset: number) => void;
  maxHeight?: string;
}) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<Set<string>>(() => new Set());
  const box = useRef<HTMLDivElement>(null);
  const kinds = useMemo(() => {
    const present = new Set(spans.map((s) => s.kind));
    return [...HIGHLIGHT_KINDS.filter((k) => present.has(k)), ...[...present].filter((k) => !(HIGHLIGHT_KINDS as readonly string[]).includes(k))];
  }, [spans]);
  const parts = useMemo(() => segments(text.length, spans.filter((s) => !hidden.has(s.kind)), focus), [text, spans, hidden, focus]);

  useEffect(() => {
    if (!focus) return;
    const el = box.current?.querySelector('[data-focus="true"]');
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [focus]);

  const legendLabel = (k: string) => ((HIGHLIGHT_KINDS as readonly string[]).includes(k) ? t(`directives.highlight.${k}`) : t('directives.highlight.other'));

  return (
    <Box>
      <Group gap={6} wrap="wrap" mb="xs" data-testid="highlight-legend">
        {kinds.map((k) => (
          <UnstyledButton
            key={k}
            onClick={() =>
              setHidden((h) => {
                const n = new Set(h);
                if (n.has(k)) n.delete(k);
                else n.add(k);
                return n;
              })
            }
            title={t('directives.highlight.toggle')}
            data-testid={`highlight-legend-${k}`}
            style={{
              background: hidden.has(k) ? 'transparent' : soft(k),
              border: `1px solid ${strong(k)}`,
              borderRadius: 4,
              padding: '0 6px',
              opacity: hidden.has(k) ? 0.5 : 1,
            }}
          >
            <Text size="xs" td={hidden.has(k) ? 'line-through' : undefined}>
              {legendLabel(k)}
            </Text>
          </UnstyledButton>
        ))}
      </Group>
      <Box
        ref={box}
        data-testid="directive-highlighted"
        p="sm"
        style={{
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          fontSize: 'var(--mantine-font-size-sm)',
          lineHeight: 1.6,
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
          maxHeight,
          overflowY: maxHeight ? 'auto' : undefined,
        }}
        onClick={(e) => {
          if (!onPick) return;
          const el = (e.target as HTMLElement).closest('[data-start]');
          if (el) onPick(Number(el.getAttribute('data-start')));
        }}
      >
        {parts.map((p, i) => {
          const style: CSSProperties = {};
          if (p.kind) {
            style.background = soft(p.kind);
            style.borderBottom = `2px solid ${strong(p.kind)}`;
            style.borderRadius = 2;
          }
          if (p.focus) {
            style.outline = '2px solid var(--mantine-color-blue-5)';
            style.background = p.kind ? style.background : 'var(--mantine-color-blue-0)';
          }
          if (!p.kind && !p.focus) {
            return (
              <span key={i} data-start={p.start}>
                {text.slice(p.start, p.end)}
              </span>
            );
          }
          return (
            <mark
              key={i}
              data-start={p.start}
              data-kind={p.kind ?? undefined}
              data-focus={p.focus ? 'true' : undefined}
              title={p.kind ? legendLabel(p.kind) : undefined}
              style={{ color: 'inherit', padding: 0, ...style }}
            >
              {text.slice(p.start, p.end)}
            </mark>
          );
        })}
      </Box>
    </Box>
  );
}
