import { useMutation } from 'urql';
import { LogoutDocument } from '../../gql/graphql';
import { forgetSignedIn } from './sessionMemory';

// In a module of its own: the layout of every signed-in page signs out with
// it, and importing it from AccountPage put the account page's forms
// (password change, authenticator enrolment) into every page's download.
const logoutMutation = LogoutDocument;

/** Signs out and starts afresh on the sign-in page. */
export function useLogout() {
  const [, logout] = useMutation(logoutMutation);
  return async () => {
    // Signed out on purpose: the sign-in page must not say 登录已过期.
    forgetSignedIn();
    await logout({});
    window.location.replace('/login');
  };
}
