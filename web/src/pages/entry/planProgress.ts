// "% of plan" per data element of an entry form (from the plans module), for the hint beside its name.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api';
import type { EntryForm } from '../../../../src/modules/datavalues/datavalues.contract.js';
import type { Progress } from '../../../../src/modules/plans/plans.contract.js';

/** "% of plan" (year to date) per data element with an annual target; empty when plans are unavailable. */
export function usePlanProgress(form: EntryForm | undefined): Map<string, number> {
  const monthly = !!form && /^\d{6}$/.test(form.period.iso);
  const q = useQuery({
    queryKey: ['entry', 'plan', form ? String(form.orgUnit.id) : '', form?.period.iso ?? ''],
    queryFn: () =>
      api.get<Progress>('/api/plans/progress', {
        orgUnit: form!.orgUnit.id,
        year: form!.period.iso.slice(0, 4),
        period: form!.period.iso,
      }),
    enabled: monthly,
    retry: false,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const m = new Map<string, number>();
    for (const it of q.data?.items ?? []) {
      if (it.targetType === 'dataElement' && !it.categoryOptionCombo && it.ytdPercent !== null) m.set(String(it.target.id), it.ytdPercent);
    }
    return m;
  }, [q.data]);
}
