CREATE TABLE "sale_line_facts" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"arrival" integer,
	"sequence" bigint NOT NULL,
	"admitted_at_once" boolean,
	"was_admitted" boolean,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sale_money_facts" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"tickets" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"currency" text,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sale_samples" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"serving_counter" integer,
	"highest_position" integer,
	"waiting" integer NOT NULL,
	"active" integer NOT NULL,
	"max_users" integer NOT NULL,
	"seats_total" integer,
	"seats_sold" integer,
	"seats_held" integer
);
--> statement-breakpoint
CREATE INDEX "sale_line_facts_event_idx" ON "sale_line_facts" USING btree ("event_id","sequence");--> statement-breakpoint
CREATE INDEX "sale_money_facts_event_idx" ON "sale_money_facts" USING btree ("event_id","occurred_at");--> statement-breakpoint
CREATE INDEX "sale_samples_event_idx" ON "sale_samples" USING btree ("event_id","sampled_at");