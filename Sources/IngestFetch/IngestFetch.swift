/// The Fetch stage of ingest (being built: see the README's status table).
public enum IngestFetch {}
