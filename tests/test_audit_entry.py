"""What a cache entry keeps is what the audit gets back: signatures and features survive the
compact encoding exactly (tests/test_audit_cache.py checks the entries themselves)."""

from __future__ import annotations

import copy
import random
from array import array

from checker.audit import features, minhash
from checker.engine import check_document_with_context
from checker.pack.loader import load_pack
from checker.text.document import Document
from tests.conftest import EXAMPLES
from tests.synthetic import Generator


def test_a_signature_survives_its_text_form() -> None:
    rng = random.Random(5)
    edges = [0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, 0x3FFFFFFF, 0xFFFFFFFF]
    for _ in range(200):
        values = array("I", [rng.choice(edges) if rng.random() < 0.2 else rng.getrandbits(rng.choice((7, 20, 30)))
                             for _ in range(rng.choice((32, 128)))])
        raw = minhash.packed(minhash.to_text(values))
        assert minhash.from_bytes(raw) == values
    shingled = minhash.signatures({0: {rng.getrandbits(30) for _ in range(900)}})
    assert len(minhash.packed(shingled["0"])) == 4 * minhash.REPORT_BINS
    assert len(shingled["0"]) < 6 * minhash.REPORT_BINS  # shorter than the 8 hex digits a value took


def test_a_damaged_signature_text_is_no_signature() -> None:
    assert minhash.packed(minhash.to_text(array("I", [1, 2, 3]))) == bytes([0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3])
    assert minhash.packed("not base64!") == b""
    assert minhash.packed("gA==") == b""  # a varint cut short
    assert minhash.packed("//////8P") == b""  # more than 32 bits


def _found(text: str) -> dict[str, object]:
    pack = load_pack()
    result, ctx = check_document_with_context(Document(path="r.txt", text=text, format="txt"), pack)
    return {**features.extract(result, ctx), "issuer": result.issuer}


def test_features_come_back_exactly_from_what_the_entry_keeps() -> None:
    pack = load_pack()
    boilerplate = features.boilerplate(pack)
    generator = Generator(11)
    place = generator.place()
    texts = [(EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8"),
             generator.report(generator.issuer(place), place, 2024)]
    for text in texts:
        found = _found(text)
        issuer = found.pop("issuer")
        names = features.place_names(issuer if isinstance(issuer, str) else None)
        kept = features.stored(copy.deepcopy(found), names, boilerplate)
        assert any(len(s) == 2 for s in kept["sentences"])  # most normalised forms are left out
        # Sentences known to normalise from their excerpt are not normalised again: the same entry.
        assert features.normalises_by_line(names, boilerplate) and found["verbatim"]
        unchecked = {key: value for key, value in found.items() if key != "verbatim"}
        assert features.stored(copy.deepcopy(unchecked), names, boilerplate) == kept
        expected = {key: value for key, value in found.items() if key not in ("signatures", "verbatim")}
        assert features.restored(kept, boilerplate) == expected


def test_a_form_normalising_gives_otherwise_is_kept() -> None:
    found = {"sentences": [[features.fingerprint("甲乙丙丁戊"), 0, "甲乙丙丁戊。", "甲乙丙丁戊"],
                           [features.fingerprint("不同的形式"), 4, "原来的句子，", "不同的形式"],
                           [features.fingerprint("跨行句子"), 0, "跨\n行句子", "跨行句子"]]}
    kept = features.stored(copy.deepcopy(found), [], None)
    assert [len(s) for s in kept["sentences"]] == [2, 3, 3]
    assert features.restored(kept, None) == found


def test_a_clause_that_may_cross_lines_checks_every_sentence() -> None:
    """A clause pattern that could look across a line break (here: ``\\s``) makes one sentence's
    form depend on its neighbours: every form is checked again, ``verbatim`` or not."""
    crossing = features.Boilerplate(clauses=(r"甲(?=\s乙)",))
    assert not crossing.line_bound and not features.normalises_by_line([], crossing)
    assert features.Boilerplate(clauses=(r"在.{2,24}领导下", r"(?:深入)?贯彻\.")).line_bound
    assert not features.normalises_by_line(["云溪\n县"], None)
    texts = ["丙丁戊己庚，甲", "乙辛壬癸子丑"]
    together = features.normalise_sentences(texts, [], crossing)
    assert together == ["丙丁戊己庚", "乙辛壬癸子丑"]  # the clause saw the next sentence's 乙
    assert features.normalise_sentences(texts[:1], [], crossing) == ["丙丁戊己庚甲"]
    # The second sentence's excerpt runs over two lines (its form is always kept), so the first is
    # normalised alone when read back: its form must be kept too, though it is listed as verbatim.
    excerpts = [texts[0], "乙辛\n壬癸子丑"]
    found = {"sentences": [[features.fingerprint(n), 0, text, n] for text, n in zip(excerpts, together, strict=True)],
             "verbatim": [0]}
    kept = features.stored(copy.deepcopy(found), [], crossing)
    assert [len(s) for s in kept["sentences"]] == [3, 3]
    assert features.restored(kept, crossing) == {"sentences": found["sentences"]}
