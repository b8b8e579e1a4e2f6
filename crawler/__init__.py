"""newsclean's Scrapy project: news discovery spiders, the cleaning/dedupe/writer pipelines, the demo."""
