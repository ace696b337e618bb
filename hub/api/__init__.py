"""The REST API's project-wide parts: auth, errors, pagination, schema, URL tree.

Each domain's resources live beside the domain (shop/api/, hub/api/couriers.py)
and call that domain's selectors and services, as the web views do.
"""
