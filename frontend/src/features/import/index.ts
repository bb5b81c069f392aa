export { ImportPage } from './routes/ImportPage';
