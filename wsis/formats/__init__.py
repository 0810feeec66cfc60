"""One way of writing dates, times and numbers per language, across the whole portal.

Django reads `wsis/formats/<language>/formats.py` before its own locale formats
(FORMAT_MODULE_PATH): templates write dates with `|date` (DATE_FORMAT) or
`|date:"DATETIME_FORMAT"`, never with a pattern of their own (tests/wsis/test_formats.py).
"""
