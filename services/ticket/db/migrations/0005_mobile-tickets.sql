CREATE TABLE "ticket_check_ins" (
	"reservation_id" uuid NOT NULL,
	"ticket_number" integer NOT NULL,
	"gate" text NOT NULL,
	"checked_in_by" text NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_check_ins_reservation_id_ticket_number_pk" PRIMARY KEY("reservation_id","ticket_number"),
	CONSTRAINT "ticket_check_ins_ticket_number" CHECK ("ticket_check_ins"."ticket_number" >= 1)
);
--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "holder_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_check_ins" ADD CONSTRAINT "ticket_check_ins_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "reservations"("id") ON DELETE no action ON UPDATE no action;