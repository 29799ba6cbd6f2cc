print("FetchBench: not written yet")
