print("ExtractBench: not written yet")
