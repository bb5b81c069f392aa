export { CircularPage } from './routes/CircularPage';
