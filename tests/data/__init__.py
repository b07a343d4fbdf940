"""Tests of data files: loading, schema, snapshots, packaging."""
