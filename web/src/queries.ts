import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Id, type OuLevel, type Role } from './api';

/** Query keys; everything org-unit related lives under ['ou'] so one invalidation refreshes it all. */
export const ouKeys = {
  all: ['ou'] as const,
  roots: (asOf: string) => ['ou', 'roots', asOf] as const,
  children: (id: Id, asOf: string) => ['ou', 'children', String(id), asOf] as const,
  detail: (id: Id, asOf: string) => ['ou', 'detail', String(id), asOf] as const,
  search: (q: string, asOf: string) => ['ou', 'search', q, asOf] as const,
};

export function useLevels() {
  return useQuery({
    queryKey: ['orgunit-levels'],
    queryFn: () => api.get<OuLevel[]>('/api/orgunit-levels'),
    staleTime: Infinity,
  });
}

/** level number → localised level name (falls back to the number). */
export function useLevelName(): (level: number) => string {
  const { i18n } = useTranslation();
  const { data } = useLevels();
  return (level) => {
    const l = data?.find((x) => x.level === level);
    if (!l) return String(level);
    return i18n.language === 'en' ? l.nameEn || l.name : l.name;
  };
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => api.get<Role[]>('/api/roles'),
    staleTime: Infinity,
    enabled,
  });
}

/** role code → localised role name (falls back to the code). */
export function useRoleName(): (code: string) => string {
  const { i18n } = useTranslation();
  const { data } = useRoles();
  return (code) => {
    const r = data?.find((x) => x.code === code);
    if (!r) return code;
    return i18n.language === 'en' ? r.nameEn || r.name : r.name;
  };
}
