export { OverduePage } from './routes/OverduePage';
