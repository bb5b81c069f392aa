export { ReportsPage } from './routes/ReportsPage';
