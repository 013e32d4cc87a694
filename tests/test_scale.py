"""docs/scale.md's recipe: check_path over a Dask bag on the local distributed scheduler, the same results."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import checker
from tests.synthetic import Generator


def test_the_api_is_a_picklable_function() -> None:
    """What a scheduler ships to its workers: the function by reference, no state with it."""
    assert pickle.loads(pickle.dumps(checker.check_path)) is checker.check_path
    assert pickle.loads(pickle.dumps(checker.check_text)) is checker.check_text


def test_a_dask_bag_of_files_gives_the_reports_check_path_gives(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import dask.bag as db

    make = Generator(3)
    paths = []
    for k in range(6):
        place = make.place()
        path = tmp_path / f"{k:02d}.txt"
        path.write_text(make.report(make.issuer(place), place, 2024), encoding="utf-8")
        paths.append(str(path))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")  # one bad file is one row with its error, not a failed job
    paths.append(str(broken))

    # The recipe (docs/scale.md): processes, one thread each, results gathered as JSON lines.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        lines = db.from_sequence(paths, npartitions=3).map(checker.check_path).map(
            json.dumps, ensure_ascii=False).compute()
    reports = [json.loads(line) for line in lines]

    assert [r["path"] for r in reports] == paths
    assert reports == [checker.check_path(p) for p in paths]  # the same as in this process
    assert reports[-1]["error"] and all(r["score"] > 0 and not r["error"] for r in reports[:-1])
