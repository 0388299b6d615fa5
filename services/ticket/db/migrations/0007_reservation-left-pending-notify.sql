-- A reservation leaving PENDING_PAYMENT (paid, cancelled, expired) wakes the requests that wait on it
-- (GET /api/v1/reservations/{id}?waitSeconds=N) on every replica; Postgres delivers it at commit.
-- See docs/adr/0054-waiting-for-a-booking-to-settle.md.
CREATE FUNCTION "notify_reservation_left_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('reservation_left_pending', NEW.id::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "reservation_left_pending" AFTER UPDATE OF "status" ON "reservations"
  FOR EACH ROW WHEN (OLD."status" = 'PENDING_PAYMENT' AND NEW."status" <> 'PENDING_PAYMENT')
  EXECUTE FUNCTION "notify_reservation_left_pending"();
