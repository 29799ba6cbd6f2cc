/// The Store stage of ingest (being built: see the README's status table).
public enum IngestStore {}
