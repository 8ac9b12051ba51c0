import { AppErrorBoundary } from './app-error-boundary';
import { AppLayout } from './app-layout';
import { AppRoutes } from './app-routes';
import { AppProviders } from './providers';

export function App() {
  return (
    <AppProviders>
      <AppErrorBoundary>
        <AppLayout>
          <AppRoutes />
        </AppLayout>
      </AppErrorBoundary>
    </AppProviders>
  );
}
