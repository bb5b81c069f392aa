export { ScoringPage } from './routes/ScoringPage';
