"""Tests of output: layout, widths, streams, terminals, the pager."""
