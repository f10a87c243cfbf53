"""Cleaning: pure functions that take boilerplate out of items and split captions from credits."""
