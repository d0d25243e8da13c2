"""The researcher's toolkit: session folder -> tidy tables -> statistics, report, xAPI, LRS push.

Everything here may import the ``research`` extra (duckdb, pyarrow, pandas, scipy, matplotlib,
tqdm); nothing outside this subpackage imports them at module level, so playing never needs them.
"""
