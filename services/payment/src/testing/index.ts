/** What other packages' tests use of payment-service: the in-process service beside a test PSP. */
export { asAdmin, asUser, type PaymentHarness, startPaymentHarness } from './payment-harness.js';
