export { ViewsPage } from './routes/ViewsPage';
