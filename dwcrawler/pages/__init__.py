"""Page objects: (url, html) in, typed items out; parsel only, no Scrapy."""
