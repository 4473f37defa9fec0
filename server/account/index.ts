export { accountRouter } from './account-router.ts';
export { ACCOUNT_TASKS, type AccountTask } from './account-tasks.ts';
