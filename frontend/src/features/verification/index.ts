export { VerificationPage } from './routes/VerificationPage';
