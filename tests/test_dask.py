"""Extraction and alignment as tasks on a Dask cluster give the same site, byte for byte."""

from __future__ import annotations

import distributed
from conftest import ROOT, run_build, tree_differences


def test_a_build_on_a_two_worker_cluster_equals_a_normal_build(demo_site, tmp_path):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "site"
        result = run_build(ROOT / "seeds", out, None, "--dask-scheduler", cluster.scheduler_address)
        assert result.returncode == 0, result.stderr
    assert tree_differences(demo_site, out) == []
