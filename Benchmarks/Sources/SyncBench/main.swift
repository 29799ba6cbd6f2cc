print("SyncBench: not written yet")
