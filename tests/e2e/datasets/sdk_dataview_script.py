"""Run by test_dataviews in a clean process: the SDK's own dataview backend
(``DataViewManagementBackend``, what ``clearml.hyperdatasets.DataView`` calls) against Cairn,
configured only by CLEARML_API_HOST / _ACCESS_KEY / _SECRET_KEY. Arguments: a dataset id and
one of its version ids. Prints JSON."""

import json
import sys
import uuid

from clearml.backend_api.services import dataviews
from clearml.backend_interface.datasets.hyper_dataset_data_view import DataViewManagementBackend as Backend

dataset, version = sys.argv[1], sys.argv[2]
name = f"e2e-dataview-{uuid.uuid4().hex[:8]}"
dataview_id = Backend.create(name=name, description="made by the e2e test", tags=["e2e"], order="random",
                             random_seed=5, limit=100, versions=[(dataset, version), ("*", "*")],
                             project_name=f"e2e-dataviews-{uuid.uuid4().hex[:8]}",
                             labels_enumeration={"cat": 1, "dog": 2})
label_rule = dataviews.FilterLabelRule(label="cat", count_range=[1, 2], conf_range=[0.5, 1])
rule = Backend.create_filter_rule(dataset=dataset, version=version, frame_query="meta.a:1", weight=2.0,
                                  label_rules=[label_rule])
wildcard = Backend.create_filter_rule(dataset="*", version="*", weight=1.0)
updated = Backend.update_filter_rules(dataview_id, [rule, wildcard], versions=[(dataset, version)])
mapped = Backend.update_mapping_rules(dataview_id, [Backend.create_mapping_rule(["cat"], "animal")])
enumerated = Backend.update_labels_enumeration(dataview_id, {"animal": 7})
iterated = Backend.update_iteration_parameters(dataview_id, infinite=True, limit=50, order="sequential", random_seed=1)
view = Backend.get_by_name(name)
missing = Backend.get_by_id(uuid.uuid4().hex)

json.dump({
    "id": dataview_id, "updated": [updated, mapped, enumerated, iterated], "by_name": view.id, "name": view.name,
    "project": view.project, "tags": view.tags, "versions": [v.to_dict() for v in view.versions],
    "filters": [f.to_dict() for f in view.filters], "mapping": view.mapping.to_dict(),
    "labels_enumeration": view.labels_enumeration, "iteration": view.iteration.to_dict(),
    "missing": missing,
}, sys.stdout)
