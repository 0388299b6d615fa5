CREATE TYPE "admission_status" AS ENUM('admitted', 'left', 'expired');--> statement-breakpoint
CREATE TABLE "admission_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"position" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admissions" (
	"event_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"status" "admission_status" NOT NULL,
	"position" integer,
	"admitted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"changed_at" timestamp with time zone NOT NULL,
	"admission_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "admissions_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "admission_messages" ADD CONSTRAINT "admission_messages_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admission_messages_event_user_idx" ON "admission_messages" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "admissions_event_status_idx" ON "admissions" USING btree ("event_id","status");