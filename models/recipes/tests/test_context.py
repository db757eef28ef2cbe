"""The recipe packs a document's sentences into model inputs as the runtime does: every
row of context_layouts.tsv, which src/tagger.rs is checked on too. Standard library only
(tests/recipes.rs runs this directory):
    PYTHONPATH=models/recipes python3 -m unittest discover -s models/recipes/tests
"""
import os
import unittest

from claimex_recipes.context import pack
from claimex_recipes.encoder import INNER, STRIDE

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "context_layouts.tsv")


def examples_of(lens):
    """One example per window of each sentence of `lens` sub-words, as the recipe encodes them."""
    out = []
    for text, n in enumerate(lens):
        firsts = list(range(0, n, STRIDE))
        firsts = firsts[: next(i for i, f in enumerate(firsts) if f + INNER >= n) + 1] if n else []
        for first in firsts:
            size = min(first + INNER, n) - first
            out.append({"ids": [101] + [7] * size + [102], "tt": [0] * (size + 2), "labels": [-100] * (size + 2),
                        "doc": 0, "alone": len(firsts) > 1, "text": text, "first": first})
    return out


class ContextLayouts(unittest.TestCase):
    def test_the_recipe_packs_every_row_as_the_runtime_does(self):
        rows = 0
        with open(TABLE, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                context, lens, expected = line.rstrip("\n").split("\t")
                examples = examples_of([int(n) for n in lens.split(",")])
                packed = pack(examples, int(context)) if int(context) else [
                    dict(e, parts=[(i, 1, len(e["ids"]) - 2)]) for i, e in enumerate(examples)]
                got = " | ".join(" ".join(f"{examples[i]['text']}:{examples[i]['first']}:{at - 1}:{n}"
                                          for i, at, n in p["parts"]) for p in packed)
                self.assertEqual(got, expected, line)
                rows += 1
        self.assertGreaterEqual(rows, 4)


if __name__ == "__main__":
    unittest.main()
