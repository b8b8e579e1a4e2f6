"""Project commands for ``scrapy`` (COMMANDS_MODULE): one ``Command`` class per module."""
