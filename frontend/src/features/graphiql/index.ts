export { GraphiQLPage } from './routes/GraphiQLPage';
