#!/usr/bin/env python3
"""Execution samples of one thread in a JFR recording: top frames and frames on the stack (inclusive).

    python3 bench/jfr-summary.py bench.jfr gateway-ingest

Used for docs/PERFORMANCE.md ("Ingest profile"); needs `jfr` from the JDK on the PATH.
"""
import json, sys, collections, subprocess
f = sys.argv[1]; thread = sys.argv[2] if len(sys.argv) > 2 else None
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", f], capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
top = collections.Counter(); onstack = collections.Counter(); threads = collections.Counter(); n = 0
for e in events:
    v = e["values"]; t = v["sampledThread"]["javaName"] if v.get("sampledThread") else "?"
    threads[t] += 1
    if thread and not t.startswith(thread): continue
    n += 1
    frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
    names = [fr["method"]["type"]["name"].split(".")[-1] + "." + fr["method"]["name"] for fr in frames]
    if names: top[names[0]] += 1
    for m in set(names): onstack[m] += 1
print("samples by thread:", threads.most_common(12))
print(f"--- {thread}: {n} samples; top frames")
for m, c in top.most_common(25): print(f"{c:5d} {m}")
print("--- on stack (inclusive)")
for m, c in onstack.most_common(70): print(f"{c:5d} {m}")
