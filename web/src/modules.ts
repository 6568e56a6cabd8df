// The web app's modules: one descriptor per page area, in navigation order. The shell (App.tsx) loops
// over this list for the menu, the routes and their permission guard; a new page area is its folder
// with an index.ts exporting a WebModule, plus one line here (as on the server, src/modules/index.ts).
//
// Pages are loaded when first opened (React.lazy; Vite makes each its own chunk), with the locale
// bundles they name: opening /entry downloads neither the charts (echarts) nor the spreadsheet
// writer (exceljs) nor the other pages' code and texts.
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { addStrings, loadLocales } from './i18n';
import { approvalsModule } from './pages/approvals';
import { dashboardsModule } from './pages/dashboards';
import { directivesModule, tasksModule } from './pages/directives';
import { entryModule } from './pages/entry';
import { equipmentModule } from './pages/equipment';
import { facilitiesModule } from './pages/facilities';
import { homeModule } from './pages/home';
import { importsModule } from './pages/imports';
import { metadataModule } from './pages/metadata';
import { notificationsModule } from './pages/notifications';
import { pivotModule } from './pages/pivot';
import { plansModule } from './pages/plans';
import { reportsModule } from './pages/reports';
import type { PageProps, WebModule } from './webModule';

export type { PageProps, WebModule };

/** A module as the shell uses it: the page as a lazy component that also waits for its texts. */
export interface LoadedModule extends WebModule {
  Page: LazyExoticComponent<ComponentType<PageProps>>;
}

// The shell's own pages (their files are in web/src/pages/).
const orgunitsModule: WebModule = {
  key: 'orgunits',
  path: '/orgunits',
  label: { vi: 'Đơn vị', en: 'Units' },
  permission: null,
  page: () => import('./pages/OrgUnitsPage').then((m) => ({ param }: PageProps) => createElement(m.OrgUnitsPage, { selectedId: param })),
};

const usersModule: WebModule = {
  key: 'users',
  path: '/users',
  label: { vi: 'Người dùng', en: 'Users' },
  permission: 'user:read',
  page: () => import('./pages/UsersPage').then((m) => m.UsersPage),
};

const auditModule: WebModule = {
  key: 'audit',
  path: '/audit',
  label: { vi: 'Nhật ký', en: 'Audit log' },
  permission: 'audit:read',
  page: () => import('./pages/AuditPage').then((m) => m.AuditPage),
};

const accountModule: WebModule = {
  key: 'account',
  path: '/account',
  label: { vi: 'Tài khoản', en: 'Account' },
  permission: null,
  page: () => import('./pages/AccountPage').then((m) => m.AccountPage),
};

const modules: readonly WebModule[] = [
  homeModule,
  dashboardsModule,
  pivotModule,
  entryModule,
  approvalsModule,
  plansModule,
  reportsModule,
  tasksModule,
  directivesModule,
  equipmentModule,
  facilitiesModule,
  importsModule,
  orgunitsModule,
  metadataModule,
  usersModule,
  auditModule,
  notificationsModule,
  accountModule,
];

function loaded(m: WebModule): LoadedModule {
  // Code and texts are fetched in parallel; the page renders when both are there.
  const Page = lazy(async () => {
    const [page] = await Promise.all([m.page(), loadLocales(m.locales ?? {})]);
    return { default: page };
  });
  return { ...m, Page };
}

export const webModules: readonly LoadedModule[] = checked(modules).map(loaded);

function checked(list: readonly WebModule[]): readonly WebModule[] {
  const keys = new Set<string>();
  const paths = new Set<string>();
  for (const m of list) {
    if (keys.has(m.key) || paths.has(m.path)) throw new Error(`Web module ${m.key} (${m.path}) is listed twice`);
    keys.add(m.key);
    paths.add(m.path);
  }
  return list;
}

// Menu labels (and page titles that reuse them) come from the descriptors: `nav.<key>`.
addStrings('nav', {
  vi: Object.fromEntries(modules.map((m) => [m.key, m.label.vi])),
  en: Object.fromEntries(modules.map((m) => [m.key, m.label.en])),
});

/**
 * The page shown at "/": "Việc cần làm" for a unit's data-entry user (data:write, not an approver,
 * with a unit of their own); otherwise the first of the list the user may open.
 */
export function homeOf(may: (permission: string | null) => boolean, hasUnit = true): string {
  if (hasUnit && may(homeModule.permission) && !may('data:approve')) return homeModule.path;
  return (webModules.find((m) => m.key !== homeModule.key && may(m.permission)) ?? accountModule).path;
}
