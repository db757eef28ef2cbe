"""The recipes' case feature is claimex's: `case.case_classes` (through the claimex
binary, $CLAIMEX_BIN) gives every row of case_classes.tsv, the table the Rust library is
checked on too (tests/recipes.rs). Needs only the standard library and the binary:
    CLAIMEX_BIN=target/release/claimex PYTHONPATH=models/recipes \\
        python3 -m unittest discover -s models/recipes/tests
"""
import os
import unittest

from claimex_recipes.case import case_classes

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


if __name__ == "__main__":
    unittest.main()
