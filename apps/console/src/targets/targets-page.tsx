import { isSupervisor, useSession } from '../auth/session';
import { BusinessHoursPanel } from './business-hours-panel';
import { KpiTargetsPanel } from './kpi-targets-panel';
import { SlaPoliciesPanel } from './sla-policies-panel';

/** KPI targets, SLA policies and business hours: supervisors and admins change them, agents see what they are held to. */
export function TargetsPage() {
  const { me } = useSession();
  const editable = isSupervisor(me);
  return (
    <section className="targets-page" aria-labelledby="targets-title">
      <h1 id="targets-title">Targets</h1>
      {!editable && <p className="muted">Read-only: supervisors and admins set these targets.</p>}
      <KpiTargetsPanel editable={editable} />
      <SlaPoliciesPanel editable={editable} />
      <BusinessHoursPanel editable={editable} />
    </section>
  );
}
