export { UnitsPage } from './routes/UnitsPage';
