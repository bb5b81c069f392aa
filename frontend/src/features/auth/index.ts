export { canUsePage, homePath, visibleMenuKeys, type PageKey } from './access';
export { RequireRole } from './components/RequireRole';
export { AccountPage, useLogout } from './routes/AccountPage';
export { LoginPage } from './routes/LoginPage';
export { loginPath, rememberSignedIn, setupPath, wasSignedIn } from './sessionMemory';
