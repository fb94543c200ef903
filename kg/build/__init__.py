"""Builds: the driver (read -> extract -> corpus -> export), where the work runs
(in process, worker processes, Dask) and the build cache."""
