-- A transaction that wrote to the outbox wakes the relays (one per replica, listening on this channel)
-- when it commits, so a drained relay sleeps instead of polling. See docs/adr/0060-outbox-relay-woken-by-commits.md.
CREATE FUNCTION "notify_outbox_written"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_written', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "outbox_written" AFTER INSERT ON "outbox"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_outbox_written"();
