CREATE TYPE "waiting_list_entry_status" AS ENUM('waiting', 'offered', 'fulfilled', 'missed', 'declined', 'left');--> statement-breakpoint
CREATE TABLE "waiting_list_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"grade_ids" uuid[] DEFAULT '{}' NOT NULL,
	"ticket_type_id" uuid,
	"performance_id" uuid,
	"max_price" integer NOT NULL,
	"quantity" integer NOT NULL,
	"status" "waiting_list_entry_status" DEFAULT 'waiting' NOT NULL,
	"reservation_id" uuid,
	"offered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waiting_list_entries_quantity" CHECK ("waiting_list_entries"."quantity" > 0),
	CONSTRAINT "waiting_list_entries_max_price" CHECK ("waiting_list_entries"."max_price" >= 0),
	CONSTRAINT "waiting_list_entries_grades_or_ticket_type" CHECK ((cardinality("waiting_list_entries"."grade_ids") > 0) <> ("waiting_list_entries"."ticket_type_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "waiting_list_wakeups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "waiting_list_entries" ADD CONSTRAINT "waiting_list_entries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_list_entries" ADD CONSTRAINT "waiting_list_entries_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_list_entries" ADD CONSTRAINT "waiting_list_entries_performance_id_performances_id_fk" FOREIGN KEY ("performance_id") REFERENCES "performances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_list_entries" ADD CONSTRAINT "waiting_list_entries_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "waiting_list_entries_one_live_per_account" ON "waiting_list_entries" USING btree ("event_id","user_id") WHERE "waiting_list_entries"."status" in ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX "waiting_list_entries_line_idx" ON "waiting_list_entries" USING btree ("event_id","seq") WHERE "waiting_list_entries"."status" = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX "waiting_list_entries_offer_idx" ON "waiting_list_entries" USING btree ("reservation_id");--> statement-breakpoint
CREATE INDEX "waiting_list_entries_user_idx" ON "waiting_list_entries" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "waiting_list_wakeups_event_idx" ON "waiting_list_wakeups" USING btree ("event_id");