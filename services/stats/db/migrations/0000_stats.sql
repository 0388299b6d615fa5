CREATE TABLE "event_sales_hourly" (
	"event_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"tickets_sold" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "event_sales_hourly_event_id_hour_pk" PRIMARY KEY("event_id","hour")
);
--> statement-breakpoint
CREATE TABLE "event_stats" (
	"event_id" text PRIMARY KEY NOT NULL,
	"currency" text,
	"reservations_created" integer DEFAULT 0 NOT NULL,
	"reservations_confirmed" integer DEFAULT 0 NOT NULL,
	"reservations_cancelled" integer DEFAULT 0 NOT NULL,
	"reservations_expired" integer DEFAULT 0 NOT NULL,
	"tickets_sold" integer DEFAULT 0 NOT NULL,
	"sales_amount" bigint DEFAULT 0 NOT NULL,
	"payments_succeeded" integer DEFAULT 0 NOT NULL,
	"payments_failed_declined" integer DEFAULT 0 NOT NULL,
	"payments_failed_timeout" integer DEFAULT 0 NOT NULL,
	"payments_failed_error" integer DEFAULT 0 NOT NULL,
	"gross_revenue" bigint DEFAULT 0 NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"refunds" integer DEFAULT 0 NOT NULL,
	"transfers" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_tiers" (
	"tier" text PRIMARY KEY NOT NULL,
	"joined" integer DEFAULT 0 NOT NULL,
	"moved_in" integer DEFAULT 0 NOT NULL,
	"moved_out" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_messages" (
	"consumer_group" text NOT NULL,
	"message_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_messages_consumer_group_message_id_pk" PRIMARY KEY("consumer_group","message_id")
);
--> statement-breakpoint
CREATE TABLE "reservation_facts" (
	"reservation_id" uuid PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"status" text NOT NULL,
	"ticket_count" integer NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_sales_hourly_hour_idx" ON "event_sales_hourly" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "reservation_facts_event_idx" ON "reservation_facts" USING btree ("event_id");