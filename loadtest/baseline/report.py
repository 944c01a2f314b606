#!/usr/bin/env python3
"""A baseline's JSON line from pgbench's summary (stdin) and per-transaction logs (latency in µs, 3rd column).

Usage: report.py <log prefix> <clients> <mix> <checks> <scenario> <transfers per transaction> <server version>
    < pgbench-output
"""
import glob
import json
import re
import sys

prefix, clients, mix, checks, scenario = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
per_transaction, pg = int(sys.argv[6]), int(sys.argv[7])
summary = sys.stdin.read()
tps = float(re.search(r"^tps = ([0-9.]+)", summary, re.M).group(1))
processed = int(re.search(r"number of transactions actually processed: (\d+)", summary).group(1))
failed = re.search(r"number of failed transactions: (\d+)", summary)
latencies = sorted(int(line.split()[2]) for path in glob.glob(prefix + ".*") for line in open(path))


def ms(q):
    return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] / 1000, 2)


print(json.dumps({
    "scenario": scenario, "pg": pg, "mix": mix, "transfers_per_request": per_transaction, "concurrency": clients,
    "transfers_per_s": round(tps * per_transaction), "requests_per_s": round(tps),
    "p50_ms": ms(0.50), "p99_ms": ms(0.99), "p999_ms": ms(0.999),
    "transfers_created": processed * per_transaction, "failed_transactions": int(failed.group(1)) if failed else 0,
    "checks": checks,
}))
