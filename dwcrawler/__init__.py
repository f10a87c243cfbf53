"""dwcrawler: an archive crawler for Deutsche Welle's Kiswahili pages (www.dw.com/sw)."""

__version__ = "0.1.0"
