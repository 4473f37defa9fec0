export { demoRouter } from './demo-router.ts';
