"""Tools around dwcrawler that are not the product: the offline demo."""
