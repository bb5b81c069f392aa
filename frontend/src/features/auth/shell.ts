// What the app shell (layout, session guard, start page) needs from this
// feature, without its pages: the router loads the pages lazily from
// index.ts, and a static import of index.ts from the layout would put the
// sign-in and account pages (forms, authenticator enrolment) into every
// signed-in page's download.
export { canUsePage, homePath, visibleMenuKeys, type PageKey } from './access';
export { RequireRole } from './components/RequireRole';
export { loginPath, rememberSignedIn, setupPath, wasSignedIn } from './sessionMemory';
export { useLogout } from './useLogout';
