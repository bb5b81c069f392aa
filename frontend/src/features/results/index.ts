export { ComparePage } from './routes/ComparePage';
export { EvaluateePage } from './routes/EvaluateePage';
export { HeatmapPage } from './routes/HeatmapPage';
export { RankingPage } from './routes/RankingPage';
