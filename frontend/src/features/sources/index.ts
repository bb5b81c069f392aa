export { SourcesPage } from './routes/SourcesPage';
