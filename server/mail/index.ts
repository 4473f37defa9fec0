export { createMailer, type Mailer, type MailTemplate } from './mailer.ts';
export { listOutbox, outboxRouter } from './outbox-routes.ts';
export { createTranslator, type Translate } from './translate.ts';
