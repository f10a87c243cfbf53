"""The archive layer: every fetched byte kept as WARC, and the archive rebuilt from it.

`capture` (the crawl's downloader middleware, the only module here that imports Scrapy) hands
each exchange to `writer`, which builds the records with warcio (`records`) and appends them
on a thread of its own. `read` iterates this project's WARC files back; `bulk`, `importer` and
`reextract` rebuild or re-extract the database from them on every core. `paths` says where the
files live.
"""
