"""The data package as a release: its formats, views, versions and the reproduction kit."""
