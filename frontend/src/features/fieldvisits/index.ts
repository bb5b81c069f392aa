export { MyVisitsPage } from './routes/MyVisitsPage';
export { ReviewPage as FieldVisitReviewPage } from './routes/ReviewPage';
export { VisitPage } from './routes/VisitPage';
export { SyncBar } from './components/SyncBar';
