"""newsclean's Scrapy project: discovery spiders, clean/dedupe/writer pipelines, the demo."""
