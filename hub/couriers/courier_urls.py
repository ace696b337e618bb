"""The courier app at /courier/: tasks in route order, one task, its actions."""

from django.urls import path

from .courier_views import task_act, task_detail, task_list

urlpatterns = [
    path("", task_list, name="courier_tasks"),
    path("<uuid:uuid>/", task_detail, name="courier_task"),
    path("<uuid:uuid>/pickup/", task_act, {"action": "pickup"}, name="courier_pickup"),
    path("<uuid:uuid>/depart/", task_act, {"action": "depart"}, name="courier_depart"),
    path(
        "<uuid:uuid>/deliver/",
        task_act,
        {"action": "deliver"},
        name="courier_deliver",
    ),
    path(
        "<uuid:uuid>/deliver/photo/",
        task_act,
        {"action": "deliver_photo"},
        name="courier_deliver_photo",
    ),
    path("<uuid:uuid>/fail/", task_act, {"action": "fail"}, name="courier_fail"),
    path("<uuid:uuid>/return/", task_act, {"action": "return"}, name="courier_return"),
]
