export { MyVisitsPage } from './routes/MyVisitsPage';
export { ReviewPage as FieldVisitReviewPage } from './routes/ReviewPage';
export { VisitPage } from './routes/VisitPage';
export { PlanningPage as FieldVisitPlanningPage } from './routes/PlanningPage';
export { SyncBar } from './components/SyncBar';
