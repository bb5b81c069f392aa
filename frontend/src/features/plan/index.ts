export { PlanPage } from './routes/PlanPage';
export { TaskDetailDrawer } from './routes/TaskDetailDrawer';
