export { WhatIfPage } from './routes/WhatIfPage';
