"""Spiders: `dw_sw` crawls DW Kiswahili (navigation only; page objects extract)."""
