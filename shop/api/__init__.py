"""The marketplace's REST resources (mounted by hub.api.urls under /api/v1/).

A plain package, not an app: it holds views and serializers over the shop's
selectors and services, and no models.
"""
