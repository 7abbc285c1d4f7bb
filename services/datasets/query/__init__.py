"""The query language of dataviews, pure: the Lucene parser (``lucene``), the compiler of
filter rules to Elasticsearch queries (``rules``), the evaluation of a parsed query against one
document in Python (``matching``), and what ClearML does to the ROIs of a returned frame
(``rois``: label rules, label mapping, label enumeration)."""
