/** `@repo/api`: the API's routes and server over the shared `@repo/db`. */
export { type AssessmentSummary, completeAssessment, summarize } from './models/assessments.js';
export { handleRequest } from './routes.js';
export { type ApiServer, startServer } from './server.js';
