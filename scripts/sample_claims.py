#!/usr/bin/env python3
"""Draws claims at random from a claimex JSONL output for checking by hand.

Usage: scripts/sample_claims.py CLAIMS.jsonl [--n 100] [--seed 15]

Prints one numbered block per claim: document id, kind, value (low-high), unit, event,
the mention and its sentence, so that kind, value and unit can be judged against the
text. The draw is `random.Random(seed).sample` over all claims in file order, so the
same file and seed give the same sample.
"""
import argparse
import json
import random


def claims(path):
    """Yields (document id, claim) for every claim of every ok record."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for claim in record.get("claims") or []:
                yield record["id"], claim


def value(claim):
    """The claim's interval in plain words: "12", "12-15", ">= 40", "<= 66"."""
    low, high = claim["low"], claim["high"]
    if low == high:
        return str(low)
    if high is None:
        return f">= {low}"
    if low is None:
        return f"<= {high}"
    return f"{low}-{high}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    every = list(claims(args.claims))
    drawn = random.Random(args.seed).sample(every, min(args.n, len(every)))
    print(f"{len(drawn)} of {len(every)} claims (seed {args.seed})")
    for number, (doc_id, claim) in enumerate(drawn, 1):
        print(f"\n#{number} {doc_id} {claim['kind']} {value(claim)} {claim['unit']} {claim['event']}")
        print(f"  mention: {claim['text']!r}")
        print(f"  sentence: {claim['sentence_text']}")


if __name__ == "__main__":
    main()
