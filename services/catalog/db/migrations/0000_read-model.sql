-- Trigram indexes serve the catalogue's substring search (ILIKE), which works for Korean titles too.
-- In public whatever the search path; two first migrations at once may race to create it, which is fine.
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
END $$;--> statement-breakpoint
CREATE TABLE "artists" (
	"artist_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_performances" (
	"event_id" text NOT NULL,
	"performance_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_performances_event_id_performance_id_pk" PRIMARY KEY("event_id","performance_id")
);
--> statement-breakpoint
CREATE TABLE "event_versions" (
	"event_id" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"artist_id" text NOT NULL,
	"artist_name" text NOT NULL,
	"venue_id" text NOT NULL,
	"venue_name" text NOT NULL,
	"venue_city" text NOT NULL,
	"organiser_id" text NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"sales_open_at" timestamp with time zone NOT NULL,
	"sales_close_at" timestamp with time zone NOT NULL,
	"first_performance_at" timestamp with time zone,
	"last_performance_at" timestamp with time zone,
	"price_min" integer NOT NULL,
	"price_max" integer NOT NULL,
	"currency" text NOT NULL,
	"version" bigint NOT NULL,
	"search_text" text GENERATED ALWAYS AS (title || ' ' || artist_name || ' ' || venue_name) STORED NOT NULL,
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
ALTER TABLE "event_performances" ADD CONSTRAINT "event_performances_event_id_events_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "events"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "artists_name_trgm" ON "artists" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "event_performances_starts_at" ON "event_performances" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "events_search_text_trgm" ON "events" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "events_category" ON "events" USING btree ("category");--> statement-breakpoint
CREATE INDEX "events_city" ON "events" USING btree (lower("venue_city"));--> statement-breakpoint
CREATE INDEX "events_status" ON "events" USING btree ("status");--> statement-breakpoint
CREATE INDEX "events_artist" ON "events" USING btree ("artist_id");--> statement-breakpoint
CREATE INDEX "events_first_performance" ON "events" USING btree ("first_performance_at","event_id");