export * from './shell';
export { AccountPage } from './routes/AccountPage';
export { LoginPage } from './routes/LoginPage';
