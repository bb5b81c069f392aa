export { BreakdownPage } from './routes/BreakdownPage';
export { RankingPage } from './routes/RankingPage';
