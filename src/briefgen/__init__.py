"""briefgen: draft Word briefing papers on police inspections from validated YAML summaries."""

__version__ = "0.1.0"
