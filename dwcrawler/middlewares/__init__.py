"""Downloader middlewares of the dw_sw crawl."""
