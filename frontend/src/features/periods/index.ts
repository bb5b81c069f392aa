export { PeriodsPage } from './routes/PeriodsPage';
