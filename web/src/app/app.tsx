import { AppErrorBoundary } from './app-error-boundary';
import { AppLayout } from './app-layout';
import { DashboardPage } from './dashboard-page';
import { AppProviders } from './providers';

export function App() {
  return (
    <AppProviders>
      <AppErrorBoundary>
        <AppLayout>
          <DashboardPage />
        </AppLayout>
      </AppErrorBoundary>
    </AppProviders>
  );
}
