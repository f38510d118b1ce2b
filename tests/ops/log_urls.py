import logging

from django.http import HttpResponse
from django.urls import path


def log_something(request):
    logging.getLogger("tests.ops").warning("something happened")
    return HttpResponse("ok")


urlpatterns = [path("log-something/", log_something)]
