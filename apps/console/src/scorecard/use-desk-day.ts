import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import type { AgentKpiPage } from '../shared/api-types';
import { browserTimeZone, dayIn } from '../shared/format';

let deskZone: string | null = null;

/**
 * Today's date in the desk's time zone (KPI days are desk days). The zone comes from the KPI
 * API's answer; until it is known the browser's zone stands in.
 */
export function useDeskToday(): { today: string; timeZone: string } {
  const { api } = useSession();
  const [zone, setZone] = useState(deskZone ?? browserTimeZone());
  useEffect(() => {
    if (deskZone) return;
    const day = dayIn(new Date(), browserTimeZone());
    api.get<AgentKpiPage>('/api/kpis/agents', { from: day, to: day }).then(
      (page) => {
        deskZone = page.timezone;
        setZone(page.timezone);
      },
      () => undefined,
    );
  }, [api]);
  return { today: dayIn(new Date(), zone), timeZone: zone };
}
