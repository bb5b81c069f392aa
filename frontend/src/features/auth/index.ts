export { AccountPage, useLogout } from './routes/AccountPage';
export { LoginPage } from './routes/LoginPage';
