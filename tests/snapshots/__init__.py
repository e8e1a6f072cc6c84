"""Snapshot tests of the study app at fixed terminal sizes."""
