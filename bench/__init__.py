"""The benchmark, `make bench`: run.py drives it, tools.py holds its pure parts."""
