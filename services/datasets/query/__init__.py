"""The query language of dataviews, pure (no store, broker or schema library: an import-linter
contract says so).

- ``lucene`` (with ``tokens``): the Lucene parser (``parse(text, default_operator)`` -> an immutable tree;
  ``LuceneSyntaxError(position, message)``).
- ``fields``: where the field names of each kind of query land in the frame document.
- ``rules``: ``compile_rule(rule, index=i)`` -> the Elasticsearch query of the frames one
  ``FilterRule`` selects, without its dataset/version (the caller ANDs
  ``store.layout.visible_in(lineage)``) and without ``vector_search``. Bad rules raise
  ``ApiError`` 400/19 (Lucene, with ``rule``, ``field``, ``position`` in its data), 400/12
  (ranges, ``filter_by_roi``) or 400/21 (regular expressions): let them reach the client.
- ``matching``: a tree evaluated in Python on one document, as Elasticsearch would.
- ``rois``: what a task receives as the ROIs of a returned frame:
  ``present_rois(rois, filter_rule=<the rule that selected the frame, for output_rois
  only_filtered>, mapping_rules=dataview["mapping"]["rules"],
  enumeration=dataview["labels_enumeration"], dataset=..., version=...)``; and
  ``frame_matches(rule, frame)``, the Python twin of ``compile_rule``.
"""
