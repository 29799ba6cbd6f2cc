print("StoreBench: not written yet")
