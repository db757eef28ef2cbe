#!/usr/bin/env python3
"""Samples claim places for a hand check of place resolution (issue 19).

    scripts/sample_places.py UKRAINE_CLAIMS.jsonl GVDB_CLAIMS.jsonl [--seed 7]

Prints 60 claims of the first file and 40 of the second whose place phrase holds a
capitalised word after its preposition (one per document and phrase), each with its
resolved `geo` and its sentence, for a reader to mark right or wrong.
"""

import argparse
import json
import random


def sample(path, count, seed):
    rows = []
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        seen = set()
        for claim in record["claims"]:
            place = claim["place"]
            words = (place or "").split()[1:]
            if not any(w[:1].isupper() for w in words if w.lower() != "the") or (record["id"], place) in seen:
                continue
            seen.add((record["id"], place))
            rows.append((record["id"], place, claim["geo"], claim["sentence_text"] or ""))
    random.seed(seed)
    return random.sample(rows, min(count, len(rows)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ukraine")
    parser.add_argument("gvdb")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for name, path, count in (("ua", args.ukraine, 60), ("gvdb", args.gvdb, 40)):
        for i, (doc, place, geo, sentence) in enumerate(sample(path, count, args.seed)):
            where = geo and f"{geo['name']} | {geo['level']} | {geo['country']} | {geo['admin1']} | id {geo['geonameid']}"
            print(f"{name}{i:02d} {doc} {place!r} -> {where}\n      {sentence[:160]!r}")


if __name__ == "__main__":
    main()
