export { ObjectionsPage } from './routes/ObjectionsPage';
