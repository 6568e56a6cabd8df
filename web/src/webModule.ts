// What a page area of the web app declares (its folder's index.ts), read by the module list
// (modules.ts) and the shell. Apart from modules.ts so that the page areas depend on it, not on the list.
import type { ComponentType } from 'react';
import type { LocaleFiles } from './i18n';

/** What a module's page receives: the path segment after its own, decoded ("/dashboards/42" → "42"). */
export interface PageProps {
  param: string | null;
}

export interface WebModule {
  /** Names the menu entry (`nav-<key>` test id) and the label's i18n key (`nav.<key>`). */
  key: string;
  /** Where the page lives; it also answers the paths below it ("/reports/templates/x"). */
  path: `/${string}`;
  /** Menu label, Vietnamese and English. */
  label: { vi: string; en: string };
  /** Needed to see the menu entry and open the page (null: every logged-in user). */
  permission: string | null;
  /** Loads the page's code: `() => import('./XPage').then((m) => m.XPage)`. */
  page: () => Promise<ComponentType<PageProps>>;
  /**
   * The locale files (web/src/locales/<area>.<vi|en>.json) of the page's texts, as a literal glob:
   * `import.meta.glob('../../locales/{entry,approvals}.*.json', { import: 'default' })`. Only the
   * user's language (and Vietnamese, the fallback) is downloaded.
   */
  locales?: LocaleFiles;
}
