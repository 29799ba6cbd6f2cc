print("DedupBench: not written yet")
