/// The Dedup stage of ingest (being built: see the README's status table).
public enum IngestDedup {}
