CREATE TABLE "payment_attempts" (
	"payment_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"card_brand" text NOT NULL,
	"card_last4" text NOT NULL,
	"outcome" text,
	"decline_code" text,
	"psp_charge_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "payment_attempts_payment_id_attempt_pk" PRIMARY KEY("payment_id","attempt"),
	CONSTRAINT "payment_attempts_attempt_positive" CHECK ("payment_attempts"."attempt" > 0)
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "charge_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "payments" SET "charge_attempts" = 1 WHERE "charge_started_at" IS NOT NULL;