"""The datasets process: Hyper-Datasets (``datasets.*``, ``frames.*``, ``dataviews.*``)."""
