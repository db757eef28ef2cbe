"""The recipes' case feature is claimex's: `case.case_classes` (through the claimex
binary, $CLAIMEX_BIN) gives every row of case_classes.tsv, the table the Rust library is
checked on too (tests/recipes.rs). Needs only the standard library and the binary:
    CLAIMEX_BIN=target/release/claimex PYTHONPATH=models/recipes \\
        python3 -m unittest discover -s models/recipes/tests
"""
import os
import unittest

from claimex_recipes.case import case_classes, runtime_classes

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "case_classes.tsv")


def table():
    """(word, class) rows of case_classes.tsv."""
    with open(TABLE, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    return [(word, int(cls)) for word, cls in rows]


class CaseClasses(unittest.TestCase):
    def test_the_recipe_gives_the_tables_classes_through_the_binary(self):
        rows = table()
        self.assertGreater(len(rows), 20)
        got = case_classes(word for word, _ in rows)
        self.assertEqual(list(zip((w for w, _ in rows), got)), rows)

    def test_a_word_with_a_line_break_is_refused(self):
        with self.assertRaises(ValueError):
            case_classes(["two\nwords"])


class RuntimeClasses(unittest.TestCase):
    def test_a_subword_takes_the_class_of_the_claimex_token_it_starts_in(self):
        text = "\u201cP. Simmons\u201d told NATO\u2019s \u00e9lite ( AP )"
        # sub-words as a tokenizer might cut them: (start, end) in characters
        pieces = ["\u201c", "P", ".", "Sim", "mons", "\u201d", "told", "NATO", "\u2019", "s", "\u00e9lite", "(", "AP", ")"]
        offsets, at = [], 0
        for piece in pieces:
            at = text.index(piece, at)
            offsets.append((at, at + len(piece)))
            at += len(piece)
        [got] = runtime_classes([text], [offsets])
        # the initial's stop has no letters; "NATO's" is one token of class upper
        self.assertEqual(got, [0, 2, 0, 2, 2, 0, 1, 3, 3, 3, 1, 0, 3, 0])

    def test_a_subword_outside_every_token_is_none(self):
        [got] = runtime_classes(["a  b"], [[(0, 1), (1, 2), (3, 4)]])
        self.assertEqual(got, [1, 0, 1])


if __name__ == "__main__":
    unittest.main()
