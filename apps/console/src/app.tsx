import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AgentsPage } from './agents/agents-page';
import { LoginPage } from './auth/login-page';
import { isSupervisor, useSession } from './auth/session';
import { SessionProvider } from './auth/session-provider';
import { ApprovalsPage } from './billing/approvals-page';
import { DashboardPage } from './dashboard/dashboard-page';
import { InboxPage } from './inbox/inbox-page';
import { LiveProvider } from './live/live-context';
import { ScorecardPage } from './scorecard/scorecard-page';
import { Shell } from './shared/shell';
import { TargetsPage } from './targets/targets-page';
import { TemplatesPage } from './templates/templates-page';
import { TicketPage } from './ticket/ticket-page';

function SupervisorsOnly({ children }: { children: React.ReactNode }) {
  const { me } = useSession();
  return isSupervisor(me) ? children : <Navigate to="/" replace />;
}

function AdminsOnly({ children }: { children: React.ReactNode }) {
  const { me } = useSession();
  return me.role === 'admin' ? children : <Navigate to="/" replace />;
}

function SignedIn() {
  return (
    <SessionProvider>
      <LiveProvider>
        <Shell>
          <Routes>
            <Route index element={<InboxPage />} />
            <Route path="tickets/:id" element={<TicketPage />} />
            <Route path="scorecard" element={<ScorecardPage />} />
            <Route path="targets" element={<TargetsPage />} />
            <Route path="templates" element={<TemplatesPage />} />
            <Route
              path="dashboard"
              element={
                <SupervisorsOnly>
                  <DashboardPage />
                </SupervisorsOnly>
              }
            />
            <Route
              path="approvals"
              element={
                <SupervisorsOnly>
                  <ApprovalsPage />
                </SupervisorsOnly>
              }
            />
            <Route
              path="agents"
              element={
                <AdminsOnly>
                  <AgentsPage />
                </AdminsOnly>
              }
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Shell>
      </LiveProvider>
    </SessionProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/*" element={<SignedIn />} />
      </Routes>
    </BrowserRouter>
  );
}
