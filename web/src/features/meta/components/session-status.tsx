import { Alert, Text } from '@mantine/core';
import type { Meta } from '@ace/bff/contract';
import { toApiError } from '../../../lib/api-client';

/** "Signed in as …" when a sign-in proxy tells the BFF who the user is; nothing otherwise. */
export function SignedInUser({ user }: { user: Meta['user'] | undefined }) {
  if (user?.authMode !== 'trusted-proxy') return null;
  return (
    <Text size="sm" c="dimmed" aria-label={`Signed in as ${user.id}`}>
      {user.id}
    </Text>
  );
}

/**
 * The BFF answers 401 when the sign-in proxy did not vouch for the request (an expired session,
 * or the dashboard opened around the proxy). Every call would fail the same way, so say it once,
 * at the top, with what to do.
 */
export function SignInProblem({ error }: { error: unknown }) {
  if (!error || toApiError(error).status !== 401) return null;
  return (
    <Alert color="red" title="You are not signed in" role="alert" mb="md">
      Open the dashboard through your company’s sign-in page (or reload this page to sign in again).{' '}
      {toApiError(error).detail}
    </Alert>
  );
}
