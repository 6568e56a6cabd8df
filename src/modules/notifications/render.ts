// A notice's text in one language, from its kind and params (pure: no database).
import { hasMessage, translate, type Locale } from '../../core/i18n.js';

/**
 * A value filling a placeholder of a notice's text: as is, in each language, or a date
 * ('YYYY-MM-DD', written 05/11/2022 in Vietnamese and 5 Nov 2022 in English).
 */
export type NotificationParam = string | number | { vi: string; en: string } | { date: string };

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatDate(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return locale === 'vi' ? `${m[3]}/${m[2]}/${m[1]}` : `${Number(m[3])} ${MONTHS_EN[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** A param in one language. */
function paramText(v: unknown, locale: Locale): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.date === 'string') return formatDate(o.date, locale);
    const text = o[locale] ?? o.vi ?? o.en;
    if (typeof text === 'string' || typeof text === 'number') return String(text);
  }
  return '';
}

/** A message filled with the params; a placeholder without a value is left empty. */
function fill(key: string, locale: Locale, params: Record<string, string>): { text: string; empty: boolean } {
  const template = translate(key, locale);
  let any = false;
  let filled = false;
  const text = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    any = true;
    const v = Object.prototype.hasOwnProperty.call(params, name) ? params[name]! : '';
    if (v !== '') filled = true;
    return v;
  });
  return { text: text.replace(/\s+/g, (w) => (w.includes('\n') ? w : ' ')).trim(), empty: any && !filled };
}

/**
 * A notice's title and body in a language: the messages `notification.<kind>.title` and `.body`
 * filled with its params (a body whose params are all empty is left out). An unknown kind shows its
 * `title` (and `body`) param, or the kind itself.
 */
export function render(kind: string, params: unknown, locale: Locale): { title: string; body: string | null } {
  const raw = params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) flat[k] = paramText(v, locale);
  const key = `notification.${kind}`;
  const title = hasMessage(`${key}.title`) ? fill(`${key}.title`, locale, flat).text : flat.title || kind;
  let body: string | null = flat.body || null;
  if (hasMessage(`${key}.body`)) {
    const b = fill(`${key}.body`, locale, flat);
    body = b.empty ? null : b.text;
  }
  return { title, body };
}
