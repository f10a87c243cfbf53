"""Scrapy extensions of the dw_sw crawl: progress line, field-rate monitor, run verdict."""
