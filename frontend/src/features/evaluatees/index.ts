export { EvaluateesPage } from './routes/EvaluateesPage';
